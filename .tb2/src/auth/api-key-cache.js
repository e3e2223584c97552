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
var ApiKeyCache_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyCache = exports.MAX_KEY_SET_AGE_MS = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const api_key_hash_1 = require("./api-key-hash");
const api_keys_repository_1 = require("./api-keys.repository");
exports.MAX_KEY_SET_AGE_MS = 5_000;
const REFRESH_INTERVAL_MS = 2_000;
const LAST_USED_RESOLUTION_MS = 60_000;
let ApiKeyCache = ApiKeyCache_1 = class ApiKeyCache {
    repository;
    config;
    logger = new common_1.Logger(ApiKeyCache_1.name);
    keys = new Map();
    readAt = 0;
    loading;
    timer;
    unwrittenUses = new Map();
    lastQueuedUse = new Map();
    constructor(repository, config) {
        this.repository = repository;
        this.config = config;
    }
    async onApplicationBootstrap() {
        await this.refresh().catch(() => undefined);
        if (!this.config.runsApi)
            return;
        this.timer = setInterval(() => void this.tick(), REFRESH_INTERVAL_MS);
        this.timer.unref();
    }
    async beforeApplicationShutdown() {
        clearInterval(this.timer);
        await this.writeUses();
    }
    async keysConfigured() {
        await this.fresh();
        return this.keys.size > 0;
    }
    async principalFor(key) {
        await this.fresh();
        const hash = (0, api_key_hash_1.hashApiKey)(key);
        const principal = this.keys.get(hash);
        if (principal)
            this.noteUse(hash);
        return principal;
    }
    async fresh() {
        if (Date.now() - this.readAt < exports.MAX_KEY_SET_AGE_MS)
            return;
        await this.refresh().catch(() => undefined);
        if (Date.now() - this.readAt >= exports.MAX_KEY_SET_AGE_MS) {
            throw new common_1.ServiceUnavailableException({
                detail: 'API keys cannot be checked right now (database unreachable); retry shortly',
            });
        }
    }
    async tick() {
        await this.refresh().catch((error) => {
            this.logger.warn({ msg: 'Could not refresh the API keys', err: String(error) });
        });
        await this.writeUses();
    }
    refresh() {
        this.loading ??= this.read().finally(() => (this.loading = undefined));
        return this.loading;
    }
    async read() {
        const startedAt = Date.now();
        const keys = await this.repository.activeKeys();
        if (keys.size > 0 !== this.keys.size > 0 || this.readAt === 0) {
            this.logger.log({
                msg: keys.size > 0
                    ? `API keys configured (${keys.size}): every route but health and docs needs one`
                    : 'No API keys configured: loopback-only mode, serving clients on this host that do not come through a proxy (create a key with npm run apikey -- create --name NAME). Do not put this server behind a reverse proxy in this mode: a proxy that adds no forwarding header cannot be told from a local client, and its clients would all be admin',
            });
        }
        this.keys = keys;
        this.readAt = startedAt;
    }
    noteUse(hash) {
        const now = Date.now();
        if (now - (this.lastQueuedUse.get(hash) ?? 0) < LAST_USED_RESOLUTION_MS)
            return;
        this.lastQueuedUse.set(hash, now);
        this.unwrittenUses.set(hash, new Date(now));
    }
    async writeUses() {
        const uses = this.unwrittenUses;
        if (uses.size === 0)
            return;
        this.unwrittenUses = new Map();
        try {
            await this.repository.recordLastUsed(uses);
        }
        catch (error) {
            for (const hash of uses.keys())
                this.lastQueuedUse.delete(hash);
            this.logger.warn({
                msg: 'Could not record when API keys were last used',
                err: String(error),
            });
        }
    }
};
exports.ApiKeyCache = ApiKeyCache;
exports.ApiKeyCache = ApiKeyCache = ApiKeyCache_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [api_keys_repository_1.ApiKeysRepository,
        app_config_1.AppConfig])
], ApiKeyCache);
//# sourceMappingURL=api-key-cache.js.map