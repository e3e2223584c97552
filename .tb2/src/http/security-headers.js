"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.helmetHeaders = helmetHeaders;
const helmet_1 = __importDefault(require("helmet"));
function helmetHeaders(options) {
    const headers = {};
    const recorder = {
        setHeader(name, value) {
            headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
        },
        removeHeader(name) {
            delete headers[name.toLowerCase()];
        },
    };
    let finished = false;
    (0, helmet_1.default)(options)({}, recorder, (error) => {
        if (error)
            throw error instanceof Error ? error : new Error('helmet failed to set its headers');
        finished = true;
    });
    if (!finished)
        throw new Error('helmet did not set its headers synchronously');
    return Object.freeze(headers);
}
//# sourceMappingURL=security-headers.js.map