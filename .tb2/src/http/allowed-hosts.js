"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HostAllowList = exports.LOOPBACK_HOST_NAMES = void 0;
exports.parseHostHeader = parseHostHeader;
exports.parseAllowedHosts = parseAllowedHosts;
exports.bracketed = bracketed;
const node_net_1 = require("node:net");
exports.LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;
function parseHostHeader(value) {
    const match = HOST_PATTERN.exec(value
        .trim()
        .toLowerCase()
        .replace(/\.(?=:\d+$|$)/, ''));
    if (!match)
        return undefined;
    const port = match[2] === undefined ? undefined : Number(match[2]);
    if (port !== undefined && (port < 1 || port > 65_535))
        return undefined;
    if (match[1].startsWith('[') && (0, node_net_1.isIP)(match[1].slice(1, -1)) !== 6)
        return undefined;
    return { name: match[1], port };
}
function parseAllowedHosts(raw) {
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
function bracketed(host) {
    return (0, node_net_1.isIP)(host) === 6 ? `[${host}]` : host;
}
class HostAllowList {
    hosts;
    constructor(hosts) {
        this.hosts = hosts;
    }
    static forServer(options) {
        const hosts = exports.LOOPBACK_HOST_NAMES.map((name) => ({ name, port: undefined }));
        if (options.listenHost !== '0.0.0.0' && options.listenHost !== '::') {
            const own = parseHostHeader(bracketed(options.listenHost));
            if (own)
                hosts.push({ name: own.name, port: undefined });
        }
        if (options.publicBaseUrl !== undefined) {
            const { hostname } = new URL(options.publicBaseUrl);
            hosts.push({ name: hostname.toLowerCase(), port: undefined });
        }
        return new HostAllowList([...hosts, ...options.allowedHosts]);
    }
    accepted(value) {
        if (value === undefined)
            return undefined;
        const host = parseHostHeader(value);
        if (host === undefined)
            return undefined;
        const allowed = this.hosts.some((entry) => entry.name === host.name && (entry.port === undefined || entry.port === host.port));
        return allowed ? host : undefined;
    }
}
exports.HostAllowList = HostAllowList;
//# sourceMappingURL=allowed-hosts.js.map