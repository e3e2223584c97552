"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentPrincipal = exports.LOCAL_PRINCIPAL = void 0;
exports.ownerScope = ownerScope;
const common_1 = require("@nestjs/common");
exports.LOCAL_PRINCIPAL = { name: 'anonymous', isAdmin: true };
function ownerScope(principal) {
    return principal.isAdmin ? undefined : principal.name;
}
exports.CurrentPrincipal = (0, common_1.createParamDecorator)((_data, context) => context.switchToHttp().getRequest().principal ?? exports.LOCAL_PRINCIPAL);
//# sourceMappingURL=principal.js.map