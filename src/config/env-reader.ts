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

  /** A Redis URL's path, when present, must be a database index. */
  redisDb(name: string, redisUrl: string): void {
    const path = new URL(redisUrl).pathname.replace(/^\//, '');
    if (path !== '' && !/^\d+$/.test(path)) {
      this.fail(name, `database index must be a number, got "${path}"`);
    }
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
