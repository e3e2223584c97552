"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const security_headers_1 = require("./security-headers");
(0, node_test_1.describe)('security headers', () => {
    (0, node_test_1.it)("are helmet's own, worked out once, without the CSP the API turns off", () => {
        const headers = (0, security_headers_1.helmetHeaders)({
            contentSecurityPolicy: false,
            crossOriginResourcePolicy: false,
        });
        strict_1.default.equal(headers['x-content-type-options'], 'nosniff');
        strict_1.default.equal(headers['x-frame-options'], 'SAMEORIGIN');
        strict_1.default.match(headers['strict-transport-security'], /^max-age=\d+/);
        strict_1.default.equal(headers['referrer-policy'], 'no-referrer');
        strict_1.default.equal(headers['content-security-policy'], undefined);
        strict_1.default.equal(headers['cross-origin-resource-policy'], undefined);
        strict_1.default.ok(Object.isFrozen(headers));
    });
});
//# sourceMappingURL=security-headers.spec.js.map