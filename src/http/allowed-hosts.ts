import { isIP } from 'node:net';

/** One accepted `Host`: a name (or IP literal, IPv6 in brackets) and, optionally, one port. */
export interface AllowedHost {
  name: string;
  /** Undefined: any port. */
  port: number | undefined;
}

/** A `Host` header value split into its parts; undefined when it is not `host[:port]`. */
export interface HostHeader {
  name: string;
  port: number | undefined;
}

/** Names that always reach this host: a page on one of them is already on this host. */
export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;

/**
 * `api.example.com:8443` → `{name: 'api.example.com', port: 8443}`. Lower-cased, a trailing
 * dot dropped (`localhost.` names `localhost`); undefined for anything else, so a value with
 * a path, user info or spaces never passes.
 */
export function parseHostHeader(value: string): HostHeader | undefined {
  const match = HOST_PATTERN.exec(
    value
      .trim()
      .toLowerCase()
      .replace(/\.(?=:\d+$|$)/, ''),
  );
  if (!match) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65_535)) return undefined;
  if (match[1].startsWith('[') && isIP(match[1].slice(1, -1)) !== 6) return undefined;
  return { name: match[1], port };
}

/** `ALLOWED_HOSTS`: comma-separated `name` (any port) or `name:port` entries. */
export function parseAllowedHosts(raw: string): AllowedHost[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const host = parseHostHeader(bracketed(item));
      if (host === undefined)
        throw new Error(`"${item}" is not a host name or host:port like api.example.com:8443`);
      return host;
    });
}

/** A bare IPv6 address (`::1`, as HOST takes it) in the brackets a `Host` header uses. */
export function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The `Host` values this server answers to: the loopback names, the address it listens on
 * (its workers call their embedded services there), the host of PUBLIC_BASE_URL, and
 * ALLOWED_HOSTS. Anything else is a client that reached us by a name we do not own, as a
 * web page does after rebinding its own name to this address.
 */
export class HostAllowList {
  constructor(readonly hosts: readonly AllowedHost[]) {}

  static forServer(options: {
    listenHost: string;
    publicBaseUrl: string | undefined;
    allowedHosts: readonly AllowedHost[];
  }): HostAllowList {
    const hosts: AllowedHost[] = LOOPBACK_HOST_NAMES.map((name) => ({ name, port: undefined }));
    if (options.listenHost !== '0.0.0.0' && options.listenHost !== '::') {
      const own = parseHostHeader(bracketed(options.listenHost));
      if (own) hosts.push({ name: own.name, port: undefined });
    }
    if (options.publicBaseUrl !== undefined) {
      const { hostname } = new URL(options.publicBaseUrl);
      hosts.push({ name: hostname.toLowerCase(), port: undefined });
    }
    return new HostAllowList([...hosts, ...options.allowedHosts]);
  }

  /** The parsed `Host` when it is allowed; undefined when it is missing, malformed or foreign. */
  accepted(value: string | undefined): HostHeader | undefined {
    if (value === undefined) return undefined;
    const host = parseHostHeader(value);
    if (host === undefined) return undefined;
    const allowed = this.hosts.some(
      (entry) => entry.name === host.name && (entry.port === undefined || entry.port === host.port),
    );
    return allowed ? host : undefined;
  }
}
