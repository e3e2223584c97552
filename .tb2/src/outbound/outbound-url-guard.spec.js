"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const outbound_allowlist_1 = require("./outbound-allowlist");
const outbound_url_guard_1 = require("./outbound-url-guard");
function guardWith(allowlist) {
    return new outbound_url_guard_1.OutboundUrlGuard({
        outboundUrlAllowlist: (0, outbound_allowlist_1.parseOutboundAllowlist)(allowlist),
    });
}
(0, node_test_1.describe)('OutboundUrlGuard', () => {
    (0, node_test_1.it)('refuses loopback by literal and by name, naming the field', async () => {
        const guard = guardWith('10.0.0.0/8');
        for (const url of [
            'http://127.0.0.1:8080/x',
            'http://[::1]/x',
            'http://0x7f.1/x',
            'http://localhost/x',
        ]) {
            await strict_1.default.rejects(guard.assertAllowed(url, 'webhook_url'), (error) => error instanceof outbound_url_guard_1.OutboundUrlRefusedError &&
                error.field === 'webhook_url' &&
                /^webhook_url resolves to a loopback address/.test(error.message), url);
        }
        await guard.assertAllowed('http://10.1.1.1/x', 'webhook_url');
        await strict_1.default.rejects(guard.assertAllowed('ftp://10.1.1.1/x', 'webhook_url'), /absolute http\(s\) URL/);
    });
    (0, node_test_1.it)('refuses at connect time a name that resolves to a private address', async () => {
        const lookup = guardWith('').connectLookup('webhook_url');
        const error = await new Promise((resolve) => lookup('localhost', { all: true }, (err) => resolve(err)));
        strict_1.default.ok(error instanceof outbound_url_guard_1.OutboundUrlRefusedError, String(error));
        strict_1.default.match(error.message, /webhook_url host "localhost" resolves to a loopback address/);
        const allowed = await new Promise((resolve) => guardWith('127.0.0.0/8,::1').connectLookup('webhook_url')('localhost', { all: true }, (err, addresses) => resolve(err ?? addresses)));
        strict_1.default.ok(Array.isArray(allowed) && allowed.length > 0, String(allowed));
    });
    (0, node_test_1.it)('refuses at connect time an address literal, which no lookup sees (a redirect target)', async () => {
        const connect = guardWith('localhost').connector('reference_track_url', 1_000);
        const error = await new Promise((resolve) => connect({ hostname: '127.0.0.1', host: '127.0.0.1:9', protocol: 'http:', port: '9' }, (...args) => resolve(args[0])));
        strict_1.default.ok(error instanceof outbound_url_guard_1.OutboundUrlRefusedError, String(error));
        strict_1.default.equal(error.field, 'reference_track_url');
        strict_1.default.match(error.message, /host "127\.0\.0\.1" resolves to a loopback address/);
    });
});
//# sourceMappingURL=outbound-url-guard.spec.js.map