"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = require("node:http");
const node_test_1 = require("node:test");
const app_config_1 = require("../config/app-config");
const connection_limits_1 = require("./connection-limits");
(0, node_test_1.describe)('connection limits', () => {
    (0, node_test_1.it)('default to a 30 s request timeout and 256 connections per client address', () => {
        const config = new app_config_1.AppConfig({});
        strict_1.default.equal(config.requestTimeoutMs, 30_000);
        strict_1.default.equal(config.maxConnectionsPerClient, 256);
        strict_1.default.equal(new app_config_1.AppConfig({ MAX_CONNECTIONS_PER_CLIENT: '0' }).maxConnectionsPerClient, 0);
    });
    (0, node_test_1.it)('stop the start with a message naming a malformed variable', () => {
        for (const [name, value] of [
            ['REQUEST_TIMEOUT_MS', '10'],
            ['REQUEST_TIMEOUT_MS', 'soon'],
            ['MAX_CONNECTIONS_PER_CLIENT', '-1'],
        ]) {
            strict_1.default.throws(() => new app_config_1.AppConfig({ [name]: value }), (error) => error instanceof app_config_1.ConfigError && error.message.includes(name), `${name}=${value}`);
        }
    });
    (0, node_test_1.it)('give the headers no longer than the whole request', () => {
        const server = (0, node_http_1.createServer)();
        (0, connection_limits_1.limitConnections)(server, { requestTimeoutMs: 3_000, maxConnectionsPerClient: 0 });
        strict_1.default.equal(server.requestTimeout, 3_000);
        strict_1.default.equal(server.headersTimeout, 3_000);
        (0, connection_limits_1.limitConnections)(server, { requestTimeoutMs: 60_000, maxConnectionsPerClient: 0 });
        strict_1.default.equal(server.headersTimeout, 10_000);
    });
});
//# sourceMappingURL=connection-limits.spec.js.map