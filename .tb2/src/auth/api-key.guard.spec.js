"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const common_1 = require("@nestjs/common");
const api_key_guard_1 = require("./api-key.guard");
const principal_1 = require("./principal");
(0, node_test_1.describe)('authenticator without API keys', () => {
    const noKeys = { keysConfigured: () => Promise.resolve(false) };
    const authenticator = new api_key_guard_1.Authenticator(noKeys);
    const request = (ip, headers = {}) => ({ ip, headers });
    (0, node_test_1.it)('tells loopback addresses from others', () => {
        for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
            strict_1.default.ok((0, api_key_guard_1.isLoopback)(ip), ip);
        for (const ip of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1', '0.0.0.0'])
            strict_1.default.ok(!(0, api_key_guard_1.isLoopback)(ip), ip);
    });
    (0, node_test_1.it)('lets a loopback client in as the local admin and refuses a client on another address', async () => {
        strict_1.default.deepEqual(await authenticator.authenticate(request('127.0.0.1')), principal_1.LOCAL_PRINCIPAL);
        await strict_1.default.rejects(authenticator.authenticate(request('203.0.113.7')), (error) => error instanceof common_1.UnauthorizedException &&
            /only loopback clients are accepted/.test(JSON.stringify(error.getResponse())));
    });
    (0, node_test_1.it)('tells a request that came through a proxy, CDN or load balancer by any of their headers', () => {
        for (const name of [
            'via',
            'true-client-ip',
            'cf-connecting-ip',
            'x-client-ip',
            'x-forwarded-host',
            'x-cluster-client-ip',
            'fastly-client-ip',
            'akamai-client-ip',
            'x-appengine-user-ip',
        ])
            strict_1.default.equal((0, api_key_guard_1.proxyHeaderOf)(request('127.0.0.1', { [name]: '203.0.113.7' })), name);
        for (const name of ['x-request-id', 'idempotency-key', 'user-agent', 'origin'])
            strict_1.default.equal((0, api_key_guard_1.proxyHeaderOf)(request('127.0.0.1', { [name]: 'x' })), undefined, name);
    });
});
//# sourceMappingURL=api-key.guard.spec.js.map