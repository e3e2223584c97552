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
var CreateRateLimiter_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CreateRateLimiter = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const app_config_1 = require("../config/app-config");
const redis_connection_1 = require("../redis/redis-connection");
const WINDOW_MS = 60_000;
const READY_TIMEOUT_MS = 2_000;
const LEASE_MAX_SLOTS = 32;
const LEASE_MS = 1_000;
const DENIAL_CACHE_MS = 1_000;
const LEASE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local granted = math.min(tonumber(ARGV[2]) - redis.call('ZCARD', KEYS[1]), tonumber(ARGV[3]))
if granted > 0 then
  local members = {}
  for i = 1, granted do
    members[#members + 1] = now + tonumber(ARGV[5])
    members[#members + 1] = ARGV[4] .. ':' .. i
  end
  redis.call('ZADD', KEYS[1], unpack(members))
  redis.call('PEXPIRE', KEYS[1], window)
  return {granted, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
`;
let CreateRateLimiter = CreateRateLimiter_1 = class CreateRateLimiter {
    config;
    logger = new common_1.Logger(CreateRateLimiter_1.name);
    client;
    leases = new Map();
    refills = new Map();
    full = new Map();
    constructor(config) {
        this.config = config;
    }
    async onModuleInit() {
        if (!this.config.runsApi || this.config.createRateLimitPerMinute === 0)
            return;
        const client = (0, redis_connection_1.createRedisClient)(this.config, { maxRetriesPerRequest: 1 });
        client.on('error', () => undefined);
        client.defineCommand('leaseSlots', { numberOfKeys: 1, lua: LEASE_SCRIPT });
        this.client = client;
        if (!(await ready(client, READY_TIMEOUT_MS))) {
            this.logger.warn({
                msg: `Redis not ready within ${READY_TIMEOUT_MS} ms: creates are not rate-limited until it is`,
            });
        }
    }
    async check(owner) {
        if (this.config.createRateLimitPerMinute === 0 || this.client?.status !== 'ready')
            return { allowed: true, retryAfterSeconds: 0 };
        for (;;) {
            if (this.take(owner))
                return { allowed: true, retryAfterSeconds: 0 };
            const full = this.full.get(owner);
            const now = Date.now();
            if (full && full.askAgainAt > now)
                return { allowed: false, retryAfterSeconds: Math.ceil((full.freeAt - now) / 1000) };
            if ((await this.refill(owner)) === 'unavailable')
                return { allowed: true, retryAfterSeconds: 0 };
        }
    }
    async onModuleDestroy() {
        await Promise.all([...this.leases.values()].map((lease) => this.giveBack(lease)));
        await this.client?.quit().catch(() => undefined);
    }
    take(owner) {
        const lease = this.leases.get(owner);
        if (!lease || lease.used >= lease.granted || Date.now() >= lease.expiresAt)
            return false;
        lease.used += 1;
        return true;
    }
    refill(owner) {
        let pending = this.refills.get(owner);
        if (!pending) {
            pending = this.lease(owner).finally(() => this.refills.delete(owner));
            this.refills.set(owner, pending);
        }
        return pending;
    }
    async lease(owner) {
        const client = this.client;
        if (!client)
            return 'unavailable';
        const limit = this.config.createRateLimitPerMinute;
        const wanted = Math.max(1, Math.min(LEASE_MAX_SLOTS, Math.floor(limit / 20)));
        const key = `${this.config.queuePrefix}:ratelimit:create:${owner}`;
        const prefix = (0, node_crypto_1.randomUUID)();
        try {
            const leasedAt = Date.now();
            const [granted, waitMs] = await client.leaseSlots(key, WINDOW_MS, limit, wanted, prefix, LEASE_MS);
            if (granted === 0) {
                const now = Date.now();
                this.full.set(owner, {
                    askAgainAt: now + Math.min(waitMs, DENIAL_CACHE_MS),
                    freeAt: now + waitMs,
                });
                return 'full';
            }
            const previous = this.leases.get(owner);
            if (previous)
                void this.giveBack(previous);
            const lease = { key, prefix, used: 0, granted, expiresAt: leasedAt + LEASE_MS };
            lease.timer = setTimeout(() => {
                if (this.leases.get(owner) === lease)
                    this.leases.delete(owner);
                void this.giveBack(lease);
            }, LEASE_MS);
            lease.timer.unref();
            this.leases.set(owner, lease);
            this.full.delete(owner);
            return 'granted';
        }
        catch {
            return 'unavailable';
        }
    }
    async giveBack(lease) {
        clearTimeout(lease.timer);
        const unused = [];
        for (let i = lease.used + 1; i <= lease.granted; i++)
            unused.push(`${lease.prefix}:${i}`);
        lease.used = lease.granted;
        if (unused.length === 0 || this.client?.status !== 'ready')
            return;
        await this.client.zrem(lease.key, ...unused).catch(() => undefined);
    }
};
exports.CreateRateLimiter = CreateRateLimiter;
exports.CreateRateLimiter = CreateRateLimiter = CreateRateLimiter_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], CreateRateLimiter);
function ready(client, timeoutMs) {
    if (client.status === 'ready')
        return Promise.resolve(true);
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            client.off('ready', onReady);
            resolve(false);
        }, timeoutMs);
        const onReady = () => {
            clearTimeout(timer);
            resolve(true);
        };
        client.once('ready', onReady);
    });
}
//# sourceMappingURL=create-rate-limiter.js.map