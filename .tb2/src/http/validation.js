"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createValidationPipe = createValidationPipe;
const common_1 = require("@nestjs/common");
function flatten(errors, prefix = '') {
    return errors.flatMap((error) => {
        const field = prefix ? `${prefix}.${error.property}` : error.property;
        const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
        return [...own, ...flatten(error.children ?? [], field)];
    });
}
function createValidationPipe() {
    return new common_1.ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        stopAtFirstError: true,
        exceptionFactory: (errors) => {
            const problems = flatten(errors);
            return new common_1.BadRequestException({
                detail: problems.map((p) => p.message).join('; '),
                errors: problems,
            });
        },
    });
}
//# sourceMappingURL=validation.js.map