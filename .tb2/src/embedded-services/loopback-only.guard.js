"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoopbackOnlyGuard = void 0;
exports.isFromThisHost = isFromThisHost;
exports.embeddedServicesRefusal = embeddedServicesRefusal;
const common_1 = require("@nestjs/common");
const api_key_guard_1 = require("../auth/api-key.guard");
function isFromThisHost(remoteAddress, localAddress) {
    if (!remoteAddress)
        return false;
    if ((0, api_key_guard_1.isLoopback)(remoteAddress))
        return true;
    return localAddress !== undefined && unmapped(remoteAddress) === unmapped(localAddress);
}
function unmapped(address) {
    const lower = address.toLowerCase();
    return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}
function embeddedServicesRefusal(request) {
    const socket = request.raw.socket;
    const proxyHeader = (0, api_key_guard_1.proxyHeaderOf)(request);
    if (proxyHeader !== undefined)
        return `Embedded services accept clients on this host only; this request came through a proxy (${proxyHeader} header)`;
    if (!isFromThisHost(socket.remoteAddress ?? request.ip, socket.localAddress))
        return 'Embedded services accept clients on this host only';
    return undefined;
}
let LoopbackOnlyGuard = class LoopbackOnlyGuard {
    canActivate(context) {
        const refusal = embeddedServicesRefusal(context.switchToHttp().getRequest());
        if (refusal !== undefined)
            throw new common_1.ForbiddenException({ detail: refusal });
        return true;
    }
};
exports.LoopbackOnlyGuard = LoopbackOnlyGuard;
exports.LoopbackOnlyGuard = LoopbackOnlyGuard = __decorate([
    (0, common_1.Injectable)()
], LoopbackOnlyGuard);
//# sourceMappingURL=loopback-only.guard.js.map