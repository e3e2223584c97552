import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per key, counted in Redis so every API process shares it.
 * If Redis cannot answer, creation is allowed: rate limiting must not take the API down.
 */
@Injectable()
export class CreateRateLimiter {
  private client?: Redis;

  constructor(private readonly config: AppConfig) {}

  async check(owner: string, now = Date.now()): Promise<RateDecision> {
    const limit = this.config.createRateLimitPerMinute;
    if (limit === 0) return { allowed: true, retryAfterSeconds: 0 };
    this.client ??= connect(this.config.redisUrl);
    const window = Math.floor(now / WINDOW_MS);
    const retryAfterSeconds = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    if (this.client.status !== 'ready') return { allowed: true, retryAfterSeconds: 0 };
    const key = `${this.config.queuePrefix}:ratelimit:create:${owner}:${window}`;
    try {
      const results = await this.client
        .multi()
        .incr(key)
        .pexpire(key, WINDOW_MS * 2)
        .exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return { allowed: count <= limit, retryAfterSeconds };
    } catch {
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}

function connect(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
  return client;
}
