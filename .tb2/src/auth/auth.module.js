"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const api_key_cache_1 = require("./api-key-cache");
const api_key_guard_1 = require("./api-key.guard");
const api_keys_repository_1 = require("./api-keys.repository");
const create_rate_limiter_1 = require("./create-rate-limiter");
let AuthModule = class AuthModule {
};
exports.AuthModule = AuthModule;
exports.AuthModule = AuthModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        providers: [
            api_keys_repository_1.ApiKeysRepository,
            api_key_cache_1.ApiKeyCache,
            api_key_guard_1.Authenticator,
            create_rate_limiter_1.CreateRateLimiter,
            { provide: core_1.APP_GUARD, useClass: api_key_guard_1.ApiKeyGuard },
        ],
        exports: [api_key_guard_1.Authenticator, create_rate_limiter_1.CreateRateLimiter, api_key_cache_1.ApiKeyCache],
    })
], AuthModule);
//# sourceMappingURL=auth.module.js.map