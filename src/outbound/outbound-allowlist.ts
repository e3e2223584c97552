import { BlockList, isIP } from 'node:net';
import { normalizeAddress } from './outbound-address-ranges';

const HOSTNAME =
  /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** `undefined`: any port (an entry written without one, as before ports were accepted). */
type EntryPort = number | undefined;

/** Hosts or addresses that one port, or any port, of is allowed. */
class PortScoped<T> {
  private readonly anyPort: T;
  private readonly byPort = new Map<number, T>();

  constructor(private readonly make: () => T) {
    this.anyPort = make();
  }

  for(port: EntryPort): T {
    if (port === undefined) return this.anyPort;
    let scoped = this.byPort.get(port);
    if (scoped === undefined) {
      scoped = this.make();
      this.byPort.set(port, scoped);
    }
    return scoped;
  }

  /** The any-port value, then the one of `port` (when a port is given and listed). */
  matching(port: number | undefined): T[] {
    const scoped = port === undefined ? undefined : this.byPort.get(port);
    return scoped === undefined ? [this.anyPort] : [this.anyPort, scoped];
  }

  get hasPorts(): boolean {
    return this.byPort.size > 0;
  }
}

/**
 * The hosts and networks an operator lets outbound calls reach although they are private
 * (`OUTBOUND_URL_ALLOWLIST`): hostnames (`hooks.internal`, `*.svc.cluster.local`),
 * addresses (`127.0.0.1`, `::1`) and CIDRs (`10.0.0.0/8`, `fd00::/8`), any port; and a
 * hostname or address with one port (`hooks.internal:8443`, `127.0.0.1:9000`,
 * `[::1]:9000`), only that port. An entry without a port keeps meaning every port, as it
 * did before ports could be written, so no existing configuration loses a receiver.
 *
 * `port` in the checks is the port the connection goes to (the URL's, or 80 / 443); a
 * check without one matches the any-port entries only.
 */
export class OutboundAllowlist {
  private readonly hosts = new PortScoped(() => new Set<string>());
  private readonly suffixes = new PortScoped<string[]>(() => []);
  private readonly networks = new PortScoped(() => new BlockList());
  readonly entries: readonly string[];

  constructor(entries: string[]) {
    this.entries = entries;
    for (const entry of entries) {
      const { target, port } = splitPort(entry) ?? { target: entry, port: undefined };
      const network = parseNetwork(target);
      if (network) this.networks.for(port).addSubnet(network.address, network.prefix, network.type);
      else if (target.startsWith('*.')) this.suffixes.for(port).push(target.slice(1));
      else this.hosts.for(port).add(target);
    }
  }

  static readonly empty = new OutboundAllowlist([]);

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** Whether some entry names one port only; a refusal then says which port it was about. */
  get hasPortEntries(): boolean {
    return this.hosts.hasPorts || this.suffixes.hasPorts || this.networks.hasPorts;
  }

  /** Whether a URL's hostname is listed by name (exactly, or under a `*.` wildcard) for `port`. */
  allowsHost(hostname: string, port?: number): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    return (
      this.hosts.matching(port).some((hosts) => hosts.has(host)) ||
      this.suffixes
        .matching(port)
        .some((suffixes) => suffixes.some((suffix) => host.endsWith(suffix)))
    );
  }

  /** Whether a resolved address is inside a listed address or CIDR, for `port`. */
  allowsAddress(address: string, port?: number): boolean {
    const ip = normalizeAddress(address);
    const version = isIP(ip);
    if (version === 0) return false;
    const type = version === 4 ? 'ipv4' : 'ipv6';
    return this.networks.matching(port).some((networks) => networks.check(ip, type));
  }
}

interface Network {
  address: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
}

function parseNetwork(entry: string): Network | undefined {
  const [rawAddress, rawPrefix, ...rest] = entry.split('/');
  const address = normalizeAddress(rawAddress);
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix =
    rawPrefix === undefined ? max : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * `host:port`, `1.2.3.4:port` or `[v6]:port` into its parts; undefined when the entry has
 * no port (a bare IPv6 address has colons but no port: `[::1]:80` is the way to give one).
 * A port that is not 1-65535 is kept as NaN, for the parser to name the entry.
 */
function splitPort(entry: string): { target: string; port: number } | undefined {
  const match = /^(\[[^\]]*\]|[^:[\]]*):([^:]*)$/.exec(entry);
  if (!match) return undefined;
  const port = /^\d{1,5}$/.test(match[2]) ? Number(match[2]) : NaN;
  return { target: match[1], port: port >= 1 && port <= 65_535 ? port : NaN };
}

/** Whether an entry is malformed. */
function isMalformed(entry: string): boolean {
  const split = splitPort(entry);
  const target = split?.target ?? entry;
  if (split && Number.isNaN(split.port)) return true;
  // A CIDR stays port-less: a network with a port is too easy to misread as a range of ports.
  if (split && target.includes('/')) return true;
  if (target.includes('/') || isIP(normalizeAddress(target)) !== 0)
    return parseNetwork(target) === undefined;
  // Brackets only around an IPv6 address.
  if (target.startsWith('[')) return true;
  return !HOSTNAME.test(target) || target.length > 253;
}

/**
 * Parses the comma-separated `OUTBOUND_URL_ALLOWLIST`; throws with every malformed entry
 * named, so a typo stops the start instead of silently allowing nothing.
 */
export function parseOutboundAllowlist(value: string): OutboundAllowlist {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const bad = entries.filter(isMalformed);
  if (bad.length > 0) {
    throw new Error(
      `not a hostname, address or CIDR, with an optional port (1-65535; none on a CIDR): ${bad.map((b) => `"${b}"`).join(', ')} (e.g. hooks.internal,*.corp.example:8443,10.0.0.0/8,127.0.0.1:9000,[::1]:9000,::1)`,
    );
  }
  return new OutboundAllowlist(entries);
}
