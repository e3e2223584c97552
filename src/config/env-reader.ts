import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

const MAX_REDIS_DB = 15;

/** RFC 1123 labels; an all-digit last label would be a mistyped IPv4 address, not a name. */
function isHostname(value: string): boolean {
  const labels = value.split('.');
  return (
    value.length <= 253 &&
    labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1])
  );
}

/** Raised at boot when one or more variables are malformed; the message names each of them. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads typed values from an environment and collects every problem, so one failed start
 * reports all malformed variables at once instead of one per restart.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  private fail(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`);
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalInt(name: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      this.fail(name, `must be an integer, got "${value}"`);
      return undefined;
    }
    const parsed = Number(value);
    if (parsed < min || parsed > max) {
      this.fail(name, `must be between ${min} and ${max}, got ${parsed}`);
      return undefined;
    }
    return parsed;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    return this.optionalInt(name, min, max) ?? fallback;
  }

  port(name: string, fallback: number): number {
    return this.int(name, fallback, 0, 65_535);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.fail(name, `must be an absolute URL, got "${value}"`);
      return undefined;
    }
    if (!protocols.includes(url.protocol)) {
      this.fail(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
      return undefined;
    }
    return value;
  }

  /** A URL with no fallback: unset is a problem, and `why` says what needs it. */
  requiredUrl(name: string, protocols: string[], why: string): string | undefined {
    if (this.raw(name) === undefined) {
      this.fail(name, `required: ${why}`);
      return undefined;
    }
    return this.optionalUrl(name, protocols);
  }

  url(name: string, fallback: string, protocols: string[]): string {
    return this.optionalUrl(name, protocols) ?? fallback;
  }

  /** Comma-separated `scheme://host[:port]` origins, e.g. for a CORS allow-list. */
  originList(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const origins = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    for (const origin of origins) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin))
        this.fail(name, `"${origin}" is not an origin like https://app.example.com`);
    }
    return origins;
  }

  /**
   * A `redis:` or `rediss:` (TLS) URL whose path, when present, is a database index 0-15
   * (Redis' default count).
   */
  redisUrl(name: string, fallback: string): string {
    const value = this.optionalUrl(name, ['redis:', 'rediss:']);
    if (value === undefined) return fallback;
    const url = new URL(value);
    const db = url.pathname.replace(/^\//, '');
    if (db !== '' && (!/^\d+$/.test(db) || Number(db) > MAX_REDIS_DB)) {
      this.fail(name, `database index must be an integer 0-${MAX_REDIS_DB}, got "${db}"`);
      return fallback;
    }
    return value;
  }

  /** The text of a readable file named by the variable, e.g. PEM certificates. */
  optionalTextFile(name: string): string | undefined {
    const path = this.raw(name);
    if (path === undefined) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      this.fail(
        name,
        `cannot read "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
      return undefined;
    }
  }

  /** An address to listen on: an IPv4 or IPv6 address, or a hostname such as `localhost`. */
  host(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (isIP(value) === 0 && !isHostname(value)) {
      this.fail(name, `must be an IP address or a hostname, got "${value}"`);
      return fallback;
    }
    return value;
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
