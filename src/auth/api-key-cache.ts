import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { hashApiKey } from './api-key-hash';
import { ApiKeysRepository } from './api-keys.repository';
import type { Principal } from './principal';

/** Keys created or revoked with the CLI take effect within this time. */
const REFRESH_MS = 5_000;

/**
 * Holds the active keys in memory so authenticating a request costs a hash and a map
 * lookup, not a query; refreshed in the background.
 */
@Injectable()
export class ApiKeyCache implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeyCache.name);
  private keys = new Map<string, Principal>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(private readonly repository: ApiKeysRepository) {}

  /** Loads the keys at start, so the log says at once whether keys or loopback-only apply. */
  async onApplicationBootstrap(): Promise<void> {
    await this.fresh().catch(() => undefined);
  }

  /** Whether any key exists: with none, only loopback clients are served. */
  async keysConfigured(): Promise<boolean> {
    await this.fresh();
    return this.keys.size > 0;
  }

  async principalFor(key: string): Promise<Principal | undefined> {
    await this.fresh();
    return this.keys.get(hashApiKey(key));
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < REFRESH_MS) return;
    this.loading ??= this.repository
      .activeKeys()
      .then((keys) => {
        if (keys.size > 0 !== this.keys.size > 0 || this.loadedAt === 0) {
          this.logger.log({
            msg:
              keys.size > 0
                ? `API keys configured (${keys.size}): every route but health and docs needs one`
                : 'No API keys configured: loopback-only mode, serving clients on this host that do not come through a proxy (create a key with npm run apikey:create). Do not put this server behind a reverse proxy in this mode: a proxy that adds no forwarding header cannot be told from a local client, and its clients would all be admin',
          });
        }
        this.keys = keys;
        this.loadedAt = Date.now();
      })
      .finally(() => (this.loading = undefined));
    // With a warm cache a failed refresh keeps the old keys; a cold cache must wait.
    if (this.loadedAt === 0) await this.loading;
    else this.loading.catch(() => undefined);
  }
}
