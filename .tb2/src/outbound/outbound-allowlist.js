"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboundAllowlist = void 0;
exports.parseOutboundAllowlist = parseOutboundAllowlist;
const node_net_1 = require("node:net");
const outbound_address_ranges_1 = require("./outbound-address-ranges");
const HOSTNAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
class PortScoped {
    make;
    anyPort;
    byPort = new Map();
    constructor(make) {
        this.make = make;
        this.anyPort = make();
    }
    for(port) {
        if (port === undefined)
            return this.anyPort;
        let scoped = this.byPort.get(port);
        if (scoped === undefined) {
            scoped = this.make();
            this.byPort.set(port, scoped);
        }
        return scoped;
    }
    matching(port) {
        const scoped = port === undefined ? undefined : this.byPort.get(port);
        return scoped === undefined ? [this.anyPort] : [this.anyPort, scoped];
    }
    get hasPorts() {
        return this.byPort.size > 0;
    }
}
class OutboundAllowlist {
    hosts = new PortScoped(() => new Set());
    suffixes = new PortScoped(() => []);
    networks = new PortScoped(() => new node_net_1.BlockList());
    entries;
    constructor(entries) {
        this.entries = entries;
        for (const entry of entries) {
            const { target, port } = splitPort(entry) ?? { target: entry, port: undefined };
            const network = parseNetwork(target);
            if (network)
                this.networks.for(port).addSubnet(network.address, network.prefix, network.type);
            else if (target.startsWith('*.'))
                this.suffixes.for(port).push(target.slice(1));
            else
                this.hosts.for(port).add(target);
        }
    }
    static empty = new OutboundAllowlist([]);
    get isEmpty() {
        return this.entries.length === 0;
    }
    get hasPortEntries() {
        return this.hosts.hasPorts || this.suffixes.hasPorts || this.networks.hasPorts;
    }
    allowsHost(hostname, port) {
        const host = hostname.toLowerCase().replace(/\.$/, '');
        return (this.hosts.matching(port).some((hosts) => hosts.has(host)) ||
            this.suffixes
                .matching(port)
                .some((suffixes) => suffixes.some((suffix) => host.endsWith(suffix))));
    }
    allowsAddress(address, port) {
        const ip = (0, outbound_address_ranges_1.normalizeAddress)(address);
        const version = (0, node_net_1.isIP)(ip);
        if (version === 0)
            return false;
        const type = version === 4 ? 'ipv4' : 'ipv6';
        return this.networks.matching(port).some((networks) => networks.check(ip, type));
    }
}
exports.OutboundAllowlist = OutboundAllowlist;
function parseNetwork(entry) {
    const [rawAddress, rawPrefix, ...rest] = entry.split('/');
    const address = (0, outbound_address_ranges_1.normalizeAddress)(rawAddress);
    const version = (0, node_net_1.isIP)(address);
    if (version === 0 || rest.length > 0)
        return undefined;
    const max = version === 4 ? 32 : 128;
    const prefix = rawPrefix === undefined ? max : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : NaN;
    if (!(prefix >= 0 && prefix <= max))
        return undefined;
    return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}
function splitPort(entry) {
    const match = /^(\[[^\]]*\]|[^:[\]]*):([^:]*)$/.exec(entry);
    if (!match)
        return undefined;
    const port = /^\d{1,5}$/.test(match[2]) ? Number(match[2]) : NaN;
    return { target: match[1], port: port >= 1 && port <= 65_535 ? port : NaN };
}
function isMalformed(entry) {
    const split = splitPort(entry);
    const target = split?.target ?? entry;
    if (split && Number.isNaN(split.port))
        return true;
    if (split && target.includes('/'))
        return true;
    if (target.includes('/') || (0, node_net_1.isIP)((0, outbound_address_ranges_1.normalizeAddress)(target)) !== 0)
        return parseNetwork(target) === undefined;
    if (target.startsWith('['))
        return true;
    return !HOSTNAME.test(target) || target.length > 253;
}
function parseOutboundAllowlist(value) {
    const entries = value
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean);
    const bad = entries.filter(isMalformed);
    if (bad.length > 0) {
        throw new Error(`not a hostname, address or CIDR, with an optional port (1-65535; none on a CIDR): ${bad.map((b) => `"${b}"`).join(', ')} (e.g. hooks.internal,*.corp.example:8443,10.0.0.0/8,127.0.0.1:9000,[::1]:9000,::1)`);
    }
    return new OutboundAllowlist(entries);
}
//# sourceMappingURL=outbound-allowlist.js.map