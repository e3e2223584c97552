"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JSON_MAX_DEPTH = void 0;
exports.nestsDeeperThan = nestsDeeperThan;
exports.useJsonBodyParser = useJsonBodyParser;
const common_1 = require("@nestjs/common");
exports.JSON_MAX_DEPTH = 32;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
function nestsDeeperThan(text, maxDepth) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === BACKSLASH)
                i++;
            else if (c === QUOTE)
                inString = false;
        }
        else if (c === QUOTE) {
            inString = true;
        }
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            if (++depth > maxDepth)
                return true;
        }
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            depth--;
        }
    }
    return false;
}
function useJsonBodyParser(app, bodyLimit) {
    const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
    app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
        const text = body.toString('utf8');
        if (nestsDeeperThan(text, exports.JSON_MAX_DEPTH)) {
            done(new common_1.BadRequestException({
                detail: `JSON body nests objects and arrays deeper than ${exports.JSON_MAX_DEPTH} levels`,
            }), undefined);
            return;
        }
        void parse(request, text, done);
    });
}
//# sourceMappingURL=json-body-parser.js.map