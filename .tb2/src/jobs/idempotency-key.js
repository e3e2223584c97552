"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseIdempotencyKey = parseIdempotencyKey;
const common_1 = require("@nestjs/common");
function parseIdempotencyKey(value) {
    if (value === undefined)
        return undefined;
    if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
        throw new common_1.BadRequestException({
            detail: 'Idempotency-Key must be 1-255 printable ASCII characters without spaces',
        });
    }
    return value;
}
//# sourceMappingURL=idempotency-key.js.map