import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { CreateRateLimiter } from '../src/auth/create-rate-limiter';
import { AppConfig } from '../src/config/app-config';
import { REDIS_BASE_URL } from './support/test-env';

/** The create limiter against the real Redis: two API processes sharing one window. */
describe('create rate limiter', () => {
  const prefix = `orch_rl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const redis = new Redis(REDIS_BASE_URL);
  const limiters: CreateRateLimiter[] = [];

  const limiter = async (limit: number): Promise<CreateRateLimiter> => {
    const config = new AppConfig({
      REDIS_URL: REDIS_BASE_URL,
      QUEUE_PREFIX: prefix,
      RATE_LIMIT_CREATE_PER_MINUTE: String(limit),
      APP_ROLE: 'api',
    });
    const created = new CreateRateLimiter(config);
    await created.onModuleInit();
    limiters.push(created);
    return created;
  };

  after(async () => {
    await Promise.all(limiters.map((l) => l.onModuleDestroy()));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('never lets two processes together exceed the limit, and gives unused slots back', async () => {
    const [a, b] = [await limiter(200), await limiter(200)];
    const startedAt = Date.now();
    const decisions = await Promise.all(
      Array.from({ length: 260 }, (_, i) => (i % 2 ? a : b).check('alice')),
    );
    const allowed = decisions.filter((d) => d.allowed).length;
    assert.equal(allowed, 200, 'exactly the limit is allowed across both processes');
    const refused = decisions.find((d) => !d.allowed);
    assert.ok(refused && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 61);
    assert.equal(await redis.zcard(`${prefix}:ratelimit:create:alice`), 200);
    // Each slot is timed at the end of its lease, the latest it can be spent: it stays in the
    // window for 60 s after its create, however late in the lease that create came.
    const [, oldest] = await redis.zrange(`${prefix}:ratelimit:create:alice`, 0, 0, 'WITHSCORES');
    assert.ok(Number(oldest) >= startedAt + 1_000, 'slots are timed at the end of their lease');
    // Another key has its own window; one create leases a few slots and returns the rest.
    assert.equal((await a.check('bob')).allowed, true);
    assert.ok((await redis.zcard(`${prefix}:ratelimit:create:bob`)) > 1, 'a lease of slots');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    assert.equal(
      await redis.zcard(`${prefix}:ratelimit:create:bob`),
      1,
      'the unused slots went back within about a second',
    );
  });
});
