"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const ioredis_1 = __importDefault(require("ioredis"));
const create_rate_limiter_1 = require("../src/auth/create-rate-limiter");
const app_config_1 = require("../src/config/app-config");
const test_env_1 = require("./support/test-env");
(0, node_test_1.describe)('create rate limiter', () => {
    const prefix = `orch_rl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const redis = new ioredis_1.default(test_env_1.REDIS_BASE_URL);
    const limiters = [];
    const limiter = async (limit) => {
        const config = new app_config_1.AppConfig({
            REDIS_URL: test_env_1.REDIS_BASE_URL,
            QUEUE_PREFIX: prefix,
            RATE_LIMIT_CREATE_PER_MINUTE: String(limit),
            APP_ROLE: 'api',
        });
        const created = new create_rate_limiter_1.CreateRateLimiter(config);
        await created.onModuleInit();
        limiters.push(created);
        return created;
    };
    (0, node_test_1.after)(async () => {
        await Promise.all(limiters.map((l) => l.onModuleDestroy()));
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0)
            await redis.del(...keys);
        await redis.quit();
    });
    (0, node_test_1.it)('never lets two processes together exceed the limit, and gives unused slots back', async () => {
        const [a, b] = [await limiter(200), await limiter(200)];
        const startedAt = Date.now();
        const decisions = await Promise.all(Array.from({ length: 260 }, (_, i) => (i % 2 ? a : b).check('alice')));
        const allowed = decisions.filter((d) => d.allowed).length;
        strict_1.default.equal(allowed, 200, 'exactly the limit is allowed across both processes');
        const refused = decisions.find((d) => !d.allowed);
        strict_1.default.ok(refused && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 61);
        strict_1.default.equal(await redis.zcard(`${prefix}:ratelimit:create:alice`), 200);
        const [, oldest] = await redis.zrange(`${prefix}:ratelimit:create:alice`, 0, 0, 'WITHSCORES');
        strict_1.default.ok(Number(oldest) >= startedAt + 1_000, 'slots are timed at the end of their lease');
        strict_1.default.equal((await a.check('bob')).allowed, true);
        strict_1.default.ok((await redis.zcard(`${prefix}:ratelimit:create:bob`)) > 1, 'a lease of slots');
        await new Promise((resolve) => setTimeout(resolve, 1_300));
        strict_1.default.equal(await redis.zcard(`${prefix}:ratelimit:create:bob`), 1, 'the unused slots went back within about a second');
    });
});
//# sourceMappingURL=rate-limit.e2e.js.map