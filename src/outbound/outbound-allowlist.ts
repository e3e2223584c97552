import { BlockList, isIP } from 'node:net';
import { normalizeAddress } from './outbound-address-ranges';

const HOSTNAME =
  /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * The hosts and networks an operator lets outbound calls reach although they are private
 * (`OUTBOUND_URL_ALLOWLIST`): hostnames (`hooks.internal`, `*.svc.cluster.local`),
 * addresses (`127.0.0.1`, `::1`) and CIDRs (`10.0.0.0/8`, `fd00::/8`).
 */
export class OutboundAllowlist {
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly networks = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: string[]) {
    this.entries = entries;
    for (const entry of entries) {
      const network = parseNetwork(entry);
      if (network) this.networks.addSubnet(network.address, network.prefix, network.type);
      else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else this.hosts.add(entry);
    }
  }

  static readonly empty = new OutboundAllowlist([]);

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** Whether a URL's hostname is listed by name (exactly, or under a `*.` wildcard). */
  allowsHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    return this.hosts.has(host) || this.suffixes.some((suffix) => host.endsWith(suffix));
  }

  /** Whether a resolved address is inside a listed address or CIDR. */
  allowsAddress(address: string): boolean {
    const ip = normalizeAddress(address);
    const version = isIP(ip);
    if (version === 0) return false;
    return this.networks.check(ip, version === 4 ? 'ipv4' : 'ipv6');
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
 * Parses the comma-separated `OUTBOUND_URL_ALLOWLIST`; throws with every malformed entry
 * named, so a typo stops the start instead of silently allowing nothing.
 */
export function parseOutboundAllowlist(value: string): OutboundAllowlist {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    if (entry.includes('/') || isIP(normalizeAddress(entry)) !== 0)
      return parseNetwork(entry) === undefined;
    return !HOSTNAME.test(entry) || entry.length > 253;
  });
  if (bad.length > 0) {
    throw new Error(
      `not a hostname, address or CIDR: ${bad.map((b) => `"${b}"`).join(', ')} (e.g. hooks.internal,*.corp.example,10.0.0.0/8,::1)`,
    );
  }
  return new OutboundAllowlist(entries);
}
