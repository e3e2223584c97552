"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboundUrlGuard = exports.OutboundUrlRefusedError = void 0;
exports.findOutboundRefusal = findOutboundRefusal;
exports.refusalAsBadRequest = refusalAsBadRequest;
exports.refusalReason = refusalReason;
const common_1 = require("@nestjs/common");
const node_dns_1 = require("node:dns");
const node_net_1 = require("node:net");
const undici_1 = require("undici");
const app_config_1 = require("../config/app-config");
const outbound_address_ranges_1 = require("./outbound-address-ranges");
const RESOLVE_TIMEOUT_MS = 5_000;
const CONNECTORS_PER_GUARD_MAX = 32;
class OutboundUrlRefusedError extends Error {
    field;
    code = 'EOUTBOUNDREFUSED';
    constructor(field, message) {
        super(message);
        this.field = field;
        this.name = 'OutboundUrlRefusedError';
    }
}
exports.OutboundUrlRefusedError = OutboundUrlRefusedError;
function findOutboundRefusal(error) {
    if (error instanceof OutboundUrlRefusedError)
        return error;
    const cause = error?.cause;
    return cause instanceof OutboundUrlRefusedError ? cause : undefined;
}
function refusalAsBadRequest(error) {
    if (error instanceof OutboundUrlRefusedError) {
        throw new common_1.BadRequestException({
            detail: error.message,
            errors: [{ field: error.field, message: error.message }],
        });
    }
    throw error;
}
function refusalReason(label, hostname, addresses, allowlist, port) {
    if (allowlist.allowsHost(hostname, port))
        return undefined;
    for (const address of addresses) {
        const category = (0, outbound_address_ranges_1.classifyAddress)(address);
        if (category && !allowlist.allowsAddress(address, port)) {
            const article = /^[aeiou]/.test(category) ? 'an' : 'a';
            const where = port !== undefined && allowlist.hasPortEntries ? ` on port ${port}` : '';
            return `${label} resolves to ${article} ${category} address (${(0, outbound_address_ranges_1.normalizeAddress)(address)})${where} and is not in OUTBOUND_URL_ALLOWLIST`;
        }
    }
    return undefined;
}
function resolveAll(hostname, options = {}) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' })), RESOLVE_TIMEOUT_MS);
        (0, node_dns_1.lookup)(hostname, { ...options, all: true }, (error, addresses) => {
            clearTimeout(timer);
            if (error)
                reject(error);
            else
                resolve(addresses);
        });
    });
}
let OutboundUrlGuard = class OutboundUrlGuard {
    allowlist;
    constructor(config) {
        this.allowlist = config.outboundUrlAllowlist;
    }
    async assertAllowed(url, field) {
        const { hostname, port } = targetOf(url, field);
        if (this.allowlist.allowsHost(hostname, port))
            return;
        if ((0, node_net_1.isIP)(hostname) !== 0) {
            this.assertAddresses(field, field, hostname, [hostname], port);
            return;
        }
        let addresses;
        try {
            addresses = await resolveAll(hostname);
        }
        catch (error) {
            const code = error.code ?? 'error';
            throw new OutboundUrlRefusedError(field, `${field} host "${hostname}" could not be resolved (${code})`);
        }
        this.assertAddresses(field, field, hostname, addresses.map((a) => a.address), port);
    }
    assertLiteralAllowed(url, field) {
        const { hostname, port } = targetOf(url, field);
        if ((0, node_net_1.isIP)(hostname) !== 0)
            this.assertAddresses(field, field, hostname, [hostname], port);
    }
    connector(label, timeoutMs) {
        const byPort = new Map();
        const connectorFor = (port) => {
            let connect = byPort.get(port);
            if (connect === undefined) {
                if (byPort.size >= CONNECTORS_PER_GUARD_MAX)
                    byPort.clear();
                connect = (0, undici_1.buildConnector)({ timeout: timeoutMs, lookup: this.connectLookup(label, port) });
                byPort.set(port, connect);
            }
            return connect;
        };
        return (options, callback) => {
            const hostname = (0, outbound_address_ranges_1.normalizeAddress)(options.hostname);
            const port = Number(options.port) || defaultPort(options.protocol);
            const reason = (0, node_net_1.isIP)(hostname) === 0
                ? undefined
                : refusalReason(`${label} host "${hostname}"`, hostname, [hostname], this.allowlist, port);
            if (reason) {
                callback(new OutboundUrlRefusedError(label, reason), null);
                return;
            }
            connectorFor(port)(options, callback);
        };
    }
    connectLookup(label, port) {
        return (hostname, options, callback) => {
            resolveAll(hostname, options)
                .then((addresses) => {
                this.assertAddresses(label, `${label} host "${hostname}"`, hostname, addresses.map((a) => a.address), port);
                if (options.all)
                    callback(null, addresses);
                else
                    callback(null, addresses[0].address, addresses[0].family);
            })
                .catch((error) => callback(error, '', 0));
        };
    }
    assertAddresses(field, label, hostname, addresses, port) {
        const reason = refusalReason(label, hostname, addresses, this.allowlist, port);
        if (reason)
            throw new OutboundUrlRefusedError(field, reason);
    }
};
exports.OutboundUrlGuard = OutboundUrlGuard;
exports.OutboundUrlGuard = OutboundUrlGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], OutboundUrlGuard);
function targetOf(url, field) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new OutboundUrlRefusedError(field, `${field} must be an absolute http(s) URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new OutboundUrlRefusedError(field, `${field} must be an absolute http(s) URL`);
    }
    return {
        hostname: (0, outbound_address_ranges_1.normalizeAddress)(parsed.hostname),
        port: Number(parsed.port) || defaultPort(parsed.protocol),
    };
}
function defaultPort(protocol) {
    return protocol === 'https:' ? 443 : 80;
}
//# sourceMappingURL=outbound-url-guard.js.map