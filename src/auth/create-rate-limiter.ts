import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis-connection';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;
/** How long start-up waits for Redis before serving with the limiter failing open. */
const READY_TIMEOUT_MS = 2_000;
/** Slots a process takes from Redis at once: at most this many, and a 20th of the limit. */
const LEASE_MAX_SLOTS = 32;
/** Slots of a lease still unused after this long go back to the window. */
const LEASE_MS = 1_000;
/** A full window is asked again after at most this long (other processes give slots back). */
const DENIAL_CACHE_MS = 1_000;

/**
 * A sliding one-minute window: the creates of the last 60 s, one sorted-set member each,
 * timed by Redis's clock so every API process agrees. Grants up to ARGV[3] slots at once,
 * recording each as a member `ARGV[4]:i` timed at the end of the lease (ARGV[5] ms on),
 * the latest a slot can be spent, so no slot leaves the window before 60 s after its
 * create; answers `{granted, 0}`. When the window is
 * full it records nothing and answers `{0, ms until the oldest member leaves}`.
 */
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

type LimiterClient = Redis & {
  leaseSlots(
    key: string,
    windowMs: number,
    limit: number,
    wanted: number,
    prefix: string,
    leaseMs: number,
  ): Promise<[number, number]>;
};

/** Slots of the window this process holds for one key: members `prefix:used+1..granted`. */
interface Lease {
  key: string;
  prefix: string;
  used: number;
  granted: number;
  /** Slots are spent only before this (local clock, read before Redis timed them). */
  expiresAt: number;
  /** Gives the unused slots back once the lease is a second old. */
  timer?: NodeJS.Timeout;
}

type Refill = 'granted' | 'full' | 'unavailable';

/**
 * At most RATE_LIMIT_CREATE_PER_MINUTE creates per key in any 60 s, counted in Redis so
 * every API process shares it, and never more: a process spends only slots Redis has
 * already recorded for it. It takes them a few at a time (a lease), so most creates cost
 * no Redis round trip; what a lease leaves unused within a second goes back. A limit
 * under 20 leases one slot at a time. The client connects when the module starts, so the
 * first create of a process is counted too. If Redis cannot answer, creation is allowed:
 * rate limiting must not take the API down.
 */
@Injectable()
export class CreateRateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CreateRateLimiter.name);
  private client?: LimiterClient;
  private readonly leases = new Map<string, Lease>();
  private readonly refills = new Map<string, Promise<Refill>>();
  /** Per key whose window is full: until when that is trusted, and when a slot frees. */
  private readonly full = new Map<string, { askAgainAt: number; freeAt: number }>();

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.runsApi || this.config.createRateLimitPerMinute === 0) return;
    const client = createRedisClient(this.config, { maxRetriesPerRequest: 1 }) as LimiterClient;
    client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
    client.defineCommand('leaseSlots', { numberOfKeys: 1, lua: LEASE_SCRIPT });
    this.client = client;
    if (!(await ready(client, READY_TIMEOUT_MS))) {
      this.logger.warn({
        msg: `Redis not ready within ${READY_TIMEOUT_MS} ms: creates are not rate-limited until it is`,
      });
    }
  }

  async check(owner: string): Promise<RateDecision> {
    if (this.config.createRateLimitPerMinute === 0 || this.client?.status !== 'ready')
      return { allowed: true, retryAfterSeconds: 0 };
    for (;;) {
      if (this.take(owner)) return { allowed: true, retryAfterSeconds: 0 };
      const full = this.full.get(owner);
      const now = Date.now();
      if (full && full.askAgainAt > now)
        return { allowed: false, retryAfterSeconds: Math.ceil((full.freeAt - now) / 1000) };
      if ((await this.refill(owner)) === 'unavailable')
        return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.leases.values()].map((lease) => this.giveBack(lease)));
    await this.client?.quit().catch(() => undefined);
  }

  /** Spends one slot of the key's lease, if it has one left. */
  private take(owner: string): boolean {
    const lease = this.leases.get(owner);
    if (!lease || lease.used >= lease.granted || Date.now() >= lease.expiresAt) return false;
    lease.used += 1;
    return true;
  }

  /** Asks Redis for a new lease; concurrent creates of one key share the same request. */
  private refill(owner: string): Promise<Refill> {
    let pending = this.refills.get(owner);
    if (!pending) {
      pending = this.lease(owner).finally(() => this.refills.delete(owner));
      this.refills.set(owner, pending);
    }
    return pending;
  }

  private async lease(owner: string): Promise<Refill> {
    const client = this.client;
    if (!client) return 'unavailable';
    const limit = this.config.createRateLimitPerMinute;
    const wanted = Math.max(1, Math.min(LEASE_MAX_SLOTS, Math.floor(limit / 20)));
    const key = `${this.config.queuePrefix}:ratelimit:create:${owner}`;
    const prefix = randomUUID();
    try {
      const leasedAt = Date.now();
      const [granted, waitMs] = await client.leaseSlots(
        key,
        WINDOW_MS,
        limit,
        wanted,
        prefix,
        LEASE_MS,
      );
      if (granted === 0) {
        const now = Date.now();
        this.full.set(owner, {
          askAgainAt: now + Math.min(waitMs, DENIAL_CACHE_MS),
          freeAt: now + waitMs,
        });
        return 'full';
      }
      const previous = this.leases.get(owner);
      if (previous) void this.giveBack(previous);
      const lease: Lease = { key, prefix, used: 0, granted, expiresAt: leasedAt + LEASE_MS };
      lease.timer = setTimeout(() => {
        if (this.leases.get(owner) === lease) this.leases.delete(owner);
        void this.giveBack(lease);
      }, LEASE_MS);
      lease.timer.unref();
      this.leases.set(owner, lease);
      this.full.delete(owner);
      return 'granted';
    } catch {
      return 'unavailable';
    }
  }

  /** Returns a lease's unused slots to the window. */
  private async giveBack(lease: Lease): Promise<void> {
    clearTimeout(lease.timer);
    const unused: string[] = [];
    for (let i = lease.used + 1; i <= lease.granted; i++) unused.push(`${lease.prefix}:${i}`);
    lease.used = lease.granted;
    if (unused.length === 0 || this.client?.status !== 'ready') return;
    await this.client.zrem(lease.key, ...unused).catch(() => undefined);
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
