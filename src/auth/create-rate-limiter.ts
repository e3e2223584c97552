import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;
/** How long start-up waits for Redis before serving with the limiter failing open. */
const READY_TIMEOUT_MS = 2_000;

/**
 * A sliding one-minute window: the creates of the last 60 s, one sorted-set member each,
 * timed by Redis's clock so every API process agrees. Answers the milliseconds until the
 * oldest one leaves the window when full (and then records nothing), 0 when it recorded
 * this create.
 */
const SLIDING_WINDOW_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

type LimiterClient = Redis & {
  createWindow(key: string, windowMs: number, limit: number, member: string): Promise<number>;
};

/**
 * At most RATE_LIMIT_CREATE_PER_MINUTE creates per key in any 60 s, counted in Redis so
 * every API process shares it. The client connects when the module starts, so the first
 * create of a process is counted too. If Redis cannot answer, creation is allowed: rate
 * limiting must not take the API down.
 */
@Injectable()
export class CreateRateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CreateRateLimiter.name);
  private client?: LimiterClient;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.runsApi || this.config.createRateLimitPerMinute === 0) return;
    const client = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1 }) as LimiterClient;
    client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
    client.defineCommand('createWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_SCRIPT });
    this.client = client;
    if (!(await ready(client, READY_TIMEOUT_MS))) {
      this.logger.warn({
        msg: `Redis not ready within ${READY_TIMEOUT_MS} ms: creates are not rate-limited until it is`,
      });
    }
  }

  async check(owner: string): Promise<RateDecision> {
    const limit = this.config.createRateLimitPerMinute;
    if (limit === 0 || this.client?.status !== 'ready') {
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const key = `${this.config.queuePrefix}:ratelimit:create:${owner}`;
    try {
      const waitMs = await this.client.createWindow(key, WINDOW_MS, limit, randomUUID());
      return waitMs === 0
        ? { allowed: true, retryAfterSeconds: 0 }
        : { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    } catch {
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}

/** Resolves true once the client is ready, false after `timeoutMs`; never rejects. */
function ready(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
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
