"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.redisConnectionOptions = redisConnectionOptions;
exports.createRedisClient = createRedisClient;
const ioredis_1 = __importDefault(require("ioredis"));
const node_net_1 = require("node:net");
const node_tls_1 = require("node:tls");
const DEFAULT_REDIS_PORT = 6379;
function redisConnectionOptions(settings) {
    const url = new URL(settings.redisUrl);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const options = {
        host,
        port: url.port ? Number(url.port) : DEFAULT_REDIS_PORT,
        db: Number(url.pathname.replace(/^\//, '') || 0),
    };
    if (url.username)
        options.username = decodeURIComponent(url.username);
    if (url.password)
        options.password = decodeURIComponent(url.password);
    if (url.protocol === 'rediss:') {
        options.tls = {
            ...((0, node_net_1.isIP)(host) === 0 ? { servername: host } : {}),
            ...(settings.redisTlsCa ? { ca: [...node_tls_1.rootCertificates, settings.redisTlsCa] } : {}),
        };
    }
    return options;
}
function createRedisClient(settings, options = {}) {
    return new ioredis_1.default({ ...options, ...redisConnectionOptions(settings) });
}
//# sourceMappingURL=redis-connection.js.map