"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const outbound_allowlist_1 = require("./outbound-allowlist");
const outbound_url_guard_1 = require("./outbound-url-guard");
(0, node_test_1.describe)('OUTBOUND_URL_ALLOWLIST with ports', () => {
    (0, node_test_1.it)('allows a host, an address or an IPv6 address on its listed port only', () => {
        const list = (0, outbound_allowlist_1.parseOutboundAllowlist)('hooks.internal:8443,*.svc.local:80,127.0.0.1:9000,[::1]:9001');
        strict_1.default.ok(list.allowsHost('hooks.internal', 8443));
        strict_1.default.ok(!list.allowsHost('hooks.internal', 443));
        strict_1.default.ok(!list.allowsHost('hooks.internal'), 'a check without a port: any-port entries only');
        strict_1.default.ok(list.allowsHost('api.svc.local', 80));
        strict_1.default.ok(!list.allowsHost('api.svc.local', 8080));
        strict_1.default.ok(list.allowsAddress('127.0.0.1', 9000));
        strict_1.default.ok(!list.allowsAddress('127.0.0.1', 9001));
        strict_1.default.ok(list.allowsAddress('::1', 9001));
        strict_1.default.ok(!list.allowsAddress('::1', 9000));
    });
    (0, node_test_1.it)('keeps an entry without a port, and a CIDR, meaning every port', () => {
        const list = (0, outbound_allowlist_1.parseOutboundAllowlist)('hooks.internal,10.0.0.0/8,::1,[fd00::1]');
        for (const port of [80, 443, 9000]) {
            strict_1.default.ok(list.allowsHost('hooks.internal', port));
            strict_1.default.ok(list.allowsAddress('10.1.2.3', port));
            strict_1.default.ok(list.allowsAddress('::1', port));
            strict_1.default.ok(list.allowsAddress('fd00::1', port));
        }
    });
    (0, node_test_1.it)('refuses a malformed port, a port on a CIDR, and brackets around a name', () => {
        strict_1.default.throws(() => (0, outbound_allowlist_1.parseOutboundAllowlist)('ok.example:443,a.example:0,b.example:65536,c.example:x,10.0.0.0/8:443,[hooks.internal]:80,1.2.3.4:'), (error) => {
            const message = error.message;
            for (const bad of [
                'a.example:0',
                'b.example:65536',
                'c.example:x',
                '10.0.0.0/8:443',
                '[hooks.internal]:80',
                '1.2.3.4:',
            ])
                strict_1.default.ok(message.includes(`"${bad}"`), `${bad} in ${message}`);
            strict_1.default.ok(!message.includes('"ok.example:443"'));
            return true;
        });
    });
    (0, node_test_1.it)('says which port a refusal is about when the list names ports', () => {
        const list = (0, outbound_allowlist_1.parseOutboundAllowlist)('127.0.0.1:9000');
        strict_1.default.equal((0, outbound_url_guard_1.refusalReason)('webhook_url', '127.0.0.1', ['127.0.0.1'], list, 9000), undefined);
        strict_1.default.equal((0, outbound_url_guard_1.refusalReason)('webhook_url', '127.0.0.1', ['127.0.0.1'], list, 9001), 'webhook_url resolves to a loopback address (127.0.0.1) on port 9001 and is not in OUTBOUND_URL_ALLOWLIST');
    });
    (0, node_test_1.it)('checks the port of the URL at create time, 80 and 443 when it names none', async () => {
        const guard = new outbound_url_guard_1.OutboundUrlGuard({
            outboundUrlAllowlist: (0, outbound_allowlist_1.parseOutboundAllowlist)('127.0.0.1:9000,localhost:443'),
        });
        await guard.assertAllowed('http://127.0.0.1:9000/x', 'webhook_url');
        await guard.assertAllowed('https://localhost/x', 'webhook_url');
        for (const url of ['http://127.0.0.1:9001/x', 'http://127.0.0.1/x', 'http://localhost/x'])
            await strict_1.default.rejects(guard.assertAllowed(url, 'webhook_url'), (error) => error instanceof outbound_url_guard_1.OutboundUrlRefusedError, url);
    });
    (0, node_test_1.it)('checks the port at connect time, for a name and for an address literal', async () => {
        const guard = new outbound_url_guard_1.OutboundUrlGuard({
            outboundUrlAllowlist: (0, outbound_allowlist_1.parseOutboundAllowlist)('localhost:9000,127.0.0.1:9000'),
        });
        const connect = guard.connector('reference_track_url', 1_000);
        for (const hostname of ['127.0.0.1', 'localhost']) {
            const error = await new Promise((resolve) => connect({ hostname, host: `${hostname}:9001`, protocol: 'http:', port: '9001' }, (...args) => resolve(args[0])));
            strict_1.default.ok(error instanceof outbound_url_guard_1.OutboundUrlRefusedError, `${hostname}: ${String(error)}`);
            strict_1.default.match(error.message, /on port 9001 and is not in OUTBOUND_URL_ALLOWLIST/);
        }
    });
});
//# sourceMappingURL=outbound-allowlist-ports.spec.js.map