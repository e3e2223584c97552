import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { hashApiKey } from './api-key-hash';
import { ApiKeysRepository } from './api-keys.repository';
import type { Principal } from './principal';

/**
 * No request is judged by a key set read longer ago than this: keys created, revoked or
 * rotated with the CLI, and the switch out of loopback-only mode, take effect within it.
 */
export const MAX_KEY_SET_AGE_MS = 5_000;
/** The background refresh, well inside the bound so requests rarely wait for one. */
const REFRESH_INTERVAL_MS = 2_000;
/** `last_used_at` is written at most this often per key and process. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Holds the active keys in memory so authenticating a request costs a hash and a map
 * lookup, not a query. A timer keeps the set fresh; a request that finds it older than
 * MAX_KEY_SET_AGE_MS (a stalled timer, a failing database) waits for a new read, and is
 * refused with 503 if there is none, rather than being let in by a set that may hold a
 * revoked key.
 */
@Injectable()
export class ApiKeyCache implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiKeyCache.name);
  private keys = new Map<string, Principal>();
  /** When the query behind `keys` started: the set is at least this fresh. */
  private readAt = 0;
  private loading?: Promise<void>;
  private timer?: NodeJS.Timeout;
  /** Uses not yet written, and when each key's use was last queued for writing. */
  private unwrittenUses = new Map<string, Date>();
  private readonly lastQueuedUse = new Map<string, number>();

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly config: AppConfig,
  ) {}

  /** Loads the keys at start, so the log says at once whether keys or loopback-only apply. */
  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch(() => undefined);
    // Only the API authenticates; a worker-only process keeps no key set.
    if (!this.config.runsApi) return;
    this.timer = setInterval(() => void this.tick(), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.writeUses();
  }

  /** Whether any key exists: with none, only loopback clients are served. */
  async keysConfigured(): Promise<boolean> {
    await this.fresh();
    return this.keys.size > 0;
  }

  async principalFor(key: string): Promise<Principal | undefined> {
    await this.fresh();
    const hash = hashApiKey(key);
    const principal = this.keys.get(hash);
    if (principal) this.noteUse(hash);
    return principal;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.readAt < MAX_KEY_SET_AGE_MS) return;
    await this.refresh().catch(() => undefined);
    if (Date.now() - this.readAt >= MAX_KEY_SET_AGE_MS) {
      throw new ServiceUnavailableException({
        detail: 'API keys cannot be checked right now (database unreachable); retry shortly',
      });
    }
  }

  private async tick(): Promise<void> {
    await this.refresh().catch((error: unknown) => {
      this.logger.warn({ msg: 'Could not refresh the API keys', err: String(error) });
    });
    await this.writeUses();
  }

  /** One read at a time; callers arriving meanwhile share it. */
  private refresh(): Promise<void> {
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<void> {
    const startedAt = Date.now();
    const keys = await this.repository.activeKeys();
    if (keys.size > 0 !== this.keys.size > 0 || this.readAt === 0) {
      this.logger.log({
        msg:
          keys.size > 0
            ? `API keys configured (${keys.size}): every route but health and docs needs one`
            : 'No API keys configured: loopback-only mode, serving clients on this host that do not come through a proxy (create a key with npm run apikey -- create --name NAME). Do not put this server behind a reverse proxy in this mode: a proxy that adds no forwarding header cannot be told from a local client, and its clients would all be admin',
      });
    }
    this.keys = keys;
    this.readAt = startedAt;
  }

  /** Queues a key's use for `last_used_at`, at most once per resolution; no query here. */
  private noteUse(hash: string): void {
    const now = Date.now();
    if (now - (this.lastQueuedUse.get(hash) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastQueuedUse.set(hash, now);
    this.unwrittenUses.set(hash, new Date(now));
  }

  private async writeUses(): Promise<void> {
    const uses = this.unwrittenUses;
    if (uses.size === 0) return;
    this.unwrittenUses = new Map();
    try {
      await this.repository.recordLastUsed(uses);
    } catch (error) {
      // Not worth a retry queue: the key's next use after the resolution records it again.
      for (const hash of uses.keys()) this.lastQueuedUse.delete(hash);
      this.logger.warn({
        msg: 'Could not record when API keys were last used',
        err: String(error),
      });
    }
  }
}
