import { BlockList, isIP } from 'node:net';

/** Why an address is not reachable from the public internet; used in refusal messages. */
export type AddressCategory =
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'reserved';

type Range = [base: string, prefix: number, category: AddressCategory];

const IPV4_RANGES: Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

/** The last 32 bits of an IPv6 address in hex groups, e.g. 10.0.0.0 → "a00:0". */
function ipv4AsHexGroups(ipv4: string): string {
  const [a, b, c, d] = ipv4.split('.').map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/**
 * IPv6 forms that carry an IPv4 address and reach it: IPv4-compatible (::/96), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16). IPv4-mapped (::ffff:0:0/96) needs no entry:
 * BlockList matches it against the IPv4 rules itself.
 */
function embeddedIpv4Ranges(base: string, prefix: number): [string, number][] {
  const hex = ipv4AsHexGroups(base);
  return [
    [`::${hex}`, 96 + prefix],
    [`64:ff9b::${hex}`, 96 + prefix],
    [`2002:${hex}::`, 16 + prefix],
  ];
}

/* One list per range, IPv6 ones first, so ::1 is "loopback" and not the IPv4-compatible form of 0.0.0.1. */
const RULES: [AddressCategory, BlockList][] = [
  ...IPV6_RANGES.map(([base, prefix, category]): [AddressCategory, BlockList] => {
    const list = new BlockList();
    list.addSubnet(base, prefix, 'ipv6');
    return [category, list];
  }),
  ...IPV4_RANGES.map(([base, prefix, category]): [AddressCategory, BlockList] => {
    const list = new BlockList();
    list.addSubnet(base, prefix, 'ipv4');
    for (const [v6, v6Prefix] of embeddedIpv4Ranges(base, prefix))
      list.addSubnet(v6, v6Prefix, 'ipv6');
    return [category, list];
  }),
];

/** `[::1]` → `::1`, and drops an IPv6 zone (`fe80::1%eth0`), which BlockList does not parse. */
export function normalizeAddress(address: string): string {
  return address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
}

/**
 * Answers by address, remembered: the same few hosts come back on every request, and a
 * run through the BlockLists (each parsing the address again) cost more than the rest of
 * a create. Bounded; cleared whole when full. `null` is a public address.
 */
const classified = new Map<string, AddressCategory | null>();
const CLASSIFIED_MAX = 4096;

/**
 * The category of an address that must not be called from the server (private, loopback,
 * link-local, ...), or undefined for a public one. Non-IP input is treated as unsafe.
 */
export function classifyAddress(address: string): AddressCategory | undefined {
  const cached = classified.get(address);
  if (cached !== undefined) return cached ?? undefined;
  const category = classifyUncached(address);
  if (classified.size >= CLASSIFIED_MAX) classified.clear();
  classified.set(address, category ?? null);
  return category;
}

function classifyUncached(address: string): AddressCategory | undefined {
  const ip = normalizeAddress(address);
  const version = isIP(ip);
  if (version === 0) return 'reserved';
  const type = version === 4 ? 'ipv4' : 'ipv6';
  return RULES.find(([, list]) => list.check(ip, type))?.[0];
}
