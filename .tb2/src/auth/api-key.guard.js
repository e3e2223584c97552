"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyGuard = exports.Authenticator = void 0;
exports.presentedKey = presentedKey;
exports.isLoopback = isLoopback;
exports.proxyHeaderOf = proxyHeaderOf;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const api_key_cache_1 = require("./api-key-cache");
const public_decorator_1 = require("./public.decorator");
const principal_1 = require("./principal");
function presentedKey(request) {
    const auth = request.headers.authorization;
    if (typeof auth === 'string' && /^bearer\s+/i.test(auth))
        return auth.replace(/^bearer\s+/i, '').trim();
    if (typeof auth === 'string' && /^basic\s+/i.test(auth)) {
        const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
        const password = decoded.slice(decoded.indexOf(':') + 1).trim();
        return password === '' ? undefined : password;
    }
    const header = request.headers['x-api-key'];
    return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}
function isLoopback(ip) {
    return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}
const PROXY_HEADERS = new Set([
    'via',
    'forwarded',
    'forwarded-for',
    'client-ip',
    'x-real-ip',
    'x-original-host',
    'x-originating-ip',
    'x-remote-ip',
    'x-remote-addr',
    'x-proxyuser-ip',
    'x-envoy-external-address',
    'x-azure-clientip',
    'x-azure-socketip',
]);
const PROXY_HEADER_PATTERNS = [
    /^x-forwarded(?:-|$)/,
    /^x-original-forwarded-/,
    /-client-ip$/,
    /-connecting-ip(?:v6)?$/,
    /-user-ip$/,
];
function proxyHeaderOf(request) {
    return Object.keys(request.headers).find((name) => request.headers[name] !== undefined &&
        (PROXY_HEADERS.has(name) || PROXY_HEADER_PATTERNS.some((pattern) => pattern.test(name))));
}
let Authenticator = class Authenticator {
    keys;
    constructor(keys) {
        this.keys = keys;
    }
    async authenticate(request) {
        if (!(await this.keys.keysConfigured())) {
            const proxyHeader = proxyHeaderOf(request);
            if (proxyHeader !== undefined) {
                throw new common_1.UnauthorizedException({
                    detail: `No API keys are configured on this server, so it serves loopback clients only, and this request came through a proxy (${proxyHeader} header). Create a key with npm run apikey:create to serve clients behind a proxy.`,
                });
            }
            if (isLoopback(request.ip))
                return principal_1.LOCAL_PRINCIPAL;
            throw new common_1.UnauthorizedException({
                detail: 'No API keys are configured on this server; only loopback clients are accepted',
            });
        }
        const key = presentedKey(request);
        if (!key) {
            throw new common_1.UnauthorizedException({
                detail: 'API key required: send Authorization: Bearer <key> or X-API-Key',
            });
        }
        const principal = await this.keys.principalFor(key);
        if (!principal)
            throw new common_1.UnauthorizedException({ detail: 'Invalid API key' });
        return principal;
    }
};
exports.Authenticator = Authenticator;
exports.Authenticator = Authenticator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [api_key_cache_1.ApiKeyCache])
], Authenticator);
let ApiKeyGuard = class ApiKeyGuard {
    reflector;
    authenticator;
    constructor(reflector, authenticator) {
        this.reflector = reflector;
        this.authenticator = authenticator;
    }
    async canActivate(context) {
        const isPublic = this.reflector.getAllAndOverride(public_decorator_1.IS_PUBLIC, [
            context.getHandler(),
            context.getClass(),
        ]);
        if (isPublic)
            return true;
        const request = context.switchToHttp().getRequest();
        request.principal ??= await this.authenticator.authenticate(request);
        return true;
    }
};
exports.ApiKeyGuard = ApiKeyGuard;
exports.ApiKeyGuard = ApiKeyGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        Authenticator])
], ApiKeyGuard);
//# sourceMappingURL=api-key.guard.js.map