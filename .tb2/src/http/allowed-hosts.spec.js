"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const allowed_hosts_1 = require("./allowed-hosts");
(0, node_test_1.describe)('Host allow-list', () => {
    (0, node_test_1.it)('reads host[:port] values and refuses anything else', () => {
        strict_1.default.deepEqual((0, allowed_hosts_1.parseHostHeader)('API.Example.com.:8443'), {
            name: 'api.example.com',
            port: 8443,
        });
        strict_1.default.deepEqual((0, allowed_hosts_1.parseHostHeader)('[::1]:3000'), { name: '[::1]', port: 3000 });
        for (const bad of [
            '',
            'a b',
            'evil.example/x',
            'user@host',
            'host:0',
            'host:99999',
            '[zz]',
            '::1',
        ])
            strict_1.default.equal((0, allowed_hosts_1.parseHostHeader)(bad), undefined, bad);
    });
    (0, node_test_1.it)('always allows the loopback names and the listening address, then PUBLIC_BASE_URL and ALLOWED_HOSTS', () => {
        const list = allowed_hosts_1.HostAllowList.forServer({
            listenHost: '192.0.2.2',
            publicBaseUrl: 'https://Music.example.com/api',
            allowedHosts: (0, allowed_hosts_1.parseAllowedHosts)('studio.example.com:8443, ::1'),
        });
        for (const host of ['localhost:3000', '127.0.0.1', '[::1]:1', '192.0.2.2:3000'])
            strict_1.default.ok(list.accepted(host), host);
        strict_1.default.ok(list.accepted('music.example.com'));
        strict_1.default.ok(list.accepted('studio.example.com:8443'));
        for (const host of ['studio.example.com', 'attacker.example', '192.0.2.3:3000', undefined])
            strict_1.default.equal(list.accepted(host), undefined, String(host));
        const wildcard = allowed_hosts_1.HostAllowList.forServer({
            listenHost: '0.0.0.0',
            publicBaseUrl: undefined,
            allowedHosts: [],
        });
        strict_1.default.equal(wildcard.accepted('0.0.0.0:3000'), undefined);
    });
    (0, node_test_1.it)('names a malformed ALLOWED_HOSTS entry', () => {
        strict_1.default.throws(() => (0, allowed_hosts_1.parseAllowedHosts)('ok.example.com, https://bad.example.com'), /https:\/\/bad/);
    });
});
//# sourceMappingURL=allowed-hosts.spec.js.map