"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const outbound_address_ranges_1 = require("./outbound-address-ranges");
const outbound_allowlist_1 = require("./outbound-allowlist");
const outbound_url_guard_1 = require("./outbound-url-guard");
(0, node_test_1.describe)('classifyAddress', () => {
    (0, node_test_1.it)('names the range of addresses the server must not call', () => {
        const cases = [
            ['127.0.0.1', 'loopback'],
            ['127.255.0.9', 'loopback'],
            ['::1', 'loopback'],
            ['[::1]', 'loopback'],
            ['10.1.2.3', 'private'],
            ['172.16.0.1', 'private'],
            ['172.31.255.255', 'private'],
            ['192.168.0.10', 'private'],
            ['fd12:3456::1', 'private'],
            ['169.254.169.254', 'link-local'],
            ['fe80::1', 'link-local'],
            ['fe80::1%eth0', 'link-local'],
            ['100.64.0.1', 'carrier-grade NAT'],
            ['0.0.0.0', 'unspecified'],
            ['::', 'unspecified'],
            ['224.0.0.1', 'multicast'],
            ['ff02::1', 'multicast'],
            ['255.255.255.255', 'reserved'],
            ['not-an-address', 'reserved'],
        ];
        for (const [address, category] of cases)
            strict_1.default.equal((0, outbound_address_ranges_1.classifyAddress)(address), category, address);
    });
    (0, node_test_1.it)('sees IPv4 addresses carried inside IPv6 forms', () => {
        for (const address of [
            '::ffff:127.0.0.1',
            '::ffff:7f00:1',
            '64:ff9b::7f00:1',
            '2002:7f00:1::1',
        ])
            strict_1.default.equal((0, outbound_address_ranges_1.classifyAddress)(address), 'loopback', address);
        strict_1.default.equal((0, outbound_address_ranges_1.classifyAddress)('::ffff:10.0.0.1'), 'private');
        strict_1.default.equal((0, outbound_address_ranges_1.classifyAddress)('64:ff9b::a9fe:a9fe'), 'link-local');
    });
    (0, node_test_1.it)('lets public addresses through', () => {
        for (const address of [
            '8.8.8.8',
            '172.32.0.1',
            '192.169.0.1',
            '100.128.0.1',
            '2606:4700::1111',
            '::ffff:8.8.8.8',
        ])
            strict_1.default.equal((0, outbound_address_ranges_1.classifyAddress)(address), undefined, address);
    });
});
(0, node_test_1.describe)('OUTBOUND_URL_ALLOWLIST', () => {
    (0, node_test_1.it)('allows listed CIDRs, addresses and host names, and nothing else', () => {
        const list = (0, outbound_allowlist_1.parseOutboundAllowlist)(' 10.0.0.0/8, ::1 ,hooks.internal,*.svc.cluster.local ');
        strict_1.default.ok(list.allowsAddress('10.200.3.4'));
        strict_1.default.ok(list.allowsAddress('::1'));
        strict_1.default.ok(!list.allowsAddress('127.0.0.1'));
        strict_1.default.ok(!list.allowsAddress('11.0.0.1'));
        strict_1.default.ok(list.allowsHost('hooks.internal'));
        strict_1.default.ok(list.allowsHost('HOOKS.internal.'));
        strict_1.default.ok(list.allowsHost('api.ns.svc.cluster.local'));
        strict_1.default.ok(!list.allowsHost('svc.cluster.local.evil.example'));
        strict_1.default.ok(!list.allowsHost('localhost'));
        strict_1.default.ok((0, outbound_allowlist_1.parseOutboundAllowlist)('').isEmpty);
    });
    (0, node_test_1.it)('refuses a malformed entry, naming it', () => {
        strict_1.default.throws(() => (0, outbound_allowlist_1.parseOutboundAllowlist)('10.0.0.0/33,ok.example,bad host,1.2.3.4/x'), /"10\.0\.0\.0\/33", "bad host", "1\.2\.3\.4\/x"/);
    });
    (0, node_test_1.it)('decides per resolved address: one private address among public ones is refused', () => {
        const empty = outbound_allowlist_1.OutboundAllowlist.empty;
        strict_1.default.equal((0, outbound_url_guard_1.refusalReason)('webhook_url', 'example.com', ['93.184.216.34'], empty), undefined);
        strict_1.default.equal((0, outbound_url_guard_1.refusalReason)('webhook_url', 'mixed.example', ['93.184.216.34', '10.0.0.7'], empty), 'webhook_url resolves to a private address (10.0.0.7) and is not in OUTBOUND_URL_ALLOWLIST');
        const tenOnly = (0, outbound_allowlist_1.parseOutboundAllowlist)('10.0.0.0/8');
        strict_1.default.equal((0, outbound_url_guard_1.refusalReason)('webhook_url', 'mixed.example', ['10.0.0.7'], tenOnly), undefined);
        strict_1.default.match((0, outbound_url_guard_1.refusalReason)('webhook_url', 'localhost', ['127.0.0.1'], tenOnly) ?? '', /a loopback address \(127\.0\.0\.1\)/);
    });
});
//# sourceMappingURL=outbound-address-ranges.spec.js.map