"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const node_tls_1 = require("node:tls");
const redis_connection_1 = require("./redis-connection");
const settings = (redisUrl, redisTlsCa) => ({ redisUrl, redisTlsCa });
function sourceFiles(dir) {
    return (0, node_fs_1.readdirSync)(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = (0, node_path_1.join)(dir, entry.name);
        if (entry.isDirectory())
            return sourceFiles(path);
        return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
    });
}
(0, node_test_1.describe)('redisConnectionOptions', () => {
    (0, node_test_1.it)('reads host, port, database and credentials from a redis: URL, without TLS', () => {
        const options = (0, redis_connection_1.redisConnectionOptions)(settings('redis://app:s%40cret@cache.internal:6390/4'));
        strict_1.default.deepEqual(options, {
            host: 'cache.internal',
            port: 6390,
            db: 4,
            username: 'app',
            password: 's@cret',
        });
        strict_1.default.deepEqual((0, redis_connection_1.redisConnectionOptions)(settings('redis://[::1]')), {
            host: '::1',
            port: 6379,
            db: 0,
        });
    });
    (0, node_test_1.it)('turns on TLS for rediss:, checking the certificate against the host name', () => {
        const options = (0, redis_connection_1.redisConnectionOptions)(settings('rediss://:token@redis.example.com:6380/0'));
        strict_1.default.equal(options.password, 'token');
        strict_1.default.deepEqual(options.tls, { servername: 'redis.example.com' });
    });
    (0, node_test_1.it)('trusts REDIS_TLS_CA_FILE besides the system certificates', () => {
        const pem = '-----BEGIN CERTIFICATE-----\nlocal CA\n-----END CERTIFICATE-----\n';
        const options = (0, redis_connection_1.redisConnectionOptions)(settings('rediss://127.0.0.1:6380', pem));
        strict_1.default.deepEqual(options.tls, { ca: [...node_tls_1.rootCertificates, pem] });
    });
    (0, node_test_1.it)('is how every Redis client in src/ is built: no other file constructs an ioredis client', () => {
        const src = (0, node_path_1.join)(__dirname, '..', '..', '..', 'src');
        const builders = sourceFiles(src).filter((file) => {
            const text = (0, node_fs_1.readFileSync)(file, 'utf8');
            return /new Redis\(|import Redis from 'ioredis'|\burl: config\.redisUrl/.test(text);
        });
        strict_1.default.deepEqual(builders.map((file) => (0, node_path_1.relative)(src, file)), [(0, node_path_1.join)('redis', 'redis-connection.ts')]);
    });
});
//# sourceMappingURL=redis-connection.spec.js.map