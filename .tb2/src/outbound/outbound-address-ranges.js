"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.normalizeAddress = normalizeAddress;
exports.classifyAddress = classifyAddress;
const node_net_1 = require("node:net");
const IPV4_RANGES = [
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
const IPV6_RANGES = [
    ['::', 128, 'unspecified'],
    ['::1', 128, 'loopback'],
    ['fc00::', 7, 'private'],
    ['fe80::', 10, 'link-local'],
    ['fec0::', 10, 'private'],
    ['ff00::', 8, 'multicast'],
];
function ipv4AsHexGroups(ipv4) {
    const [a, b, c, d] = ipv4.split('.').map(Number);
    return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
function embeddedIpv4Ranges(base, prefix) {
    const hex = ipv4AsHexGroups(base);
    return [
        [`::${hex}`, 96 + prefix],
        [`64:ff9b::${hex}`, 96 + prefix],
        [`2002:${hex}::`, 16 + prefix],
    ];
}
const RULES = [
    ...IPV6_RANGES.map(([base, prefix, category]) => {
        const list = new node_net_1.BlockList();
        list.addSubnet(base, prefix, 'ipv6');
        return [category, list];
    }),
    ...IPV4_RANGES.map(([base, prefix, category]) => {
        const list = new node_net_1.BlockList();
        list.addSubnet(base, prefix, 'ipv4');
        for (const [v6, v6Prefix] of embeddedIpv4Ranges(base, prefix))
            list.addSubnet(v6, v6Prefix, 'ipv6');
        return [category, list];
    }),
];
function normalizeAddress(address) {
    return address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
}
const classified = new Map();
const CLASSIFIED_MAX = 4096;
function classifyAddress(address) {
    const cached = classified.get(address);
    if (cached !== undefined)
        return cached ?? undefined;
    const category = classifyUncached(address);
    if (classified.size >= CLASSIFIED_MAX)
        classified.clear();
    classified.set(address, category ?? null);
    return category;
}
function classifyUncached(address) {
    const ip = normalizeAddress(address);
    const version = (0, node_net_1.isIP)(ip);
    if (version === 0)
        return 'reserved';
    const type = version === 4 ? 'ipv4' : 'ipv6';
    return RULES.find(([, list]) => list.check(ip, type))?.[0];
}
//# sourceMappingURL=outbound-address-ranges.js.map