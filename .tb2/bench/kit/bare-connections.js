"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.barePool = barePool;
exports.bareQueue = bareQueue;
const bull_1 = __importDefault(require("bull"));
const pg_1 = require("pg");
const redis_connection_1 = require("../../src/redis/redis-connection");
const POOL_SIZE = 10;
async function barePool(env) {
    const pool = new pg_1.Pool({ connectionString: env.KIT_DATABASE_URL, max: POOL_SIZE });
    await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.query('SELECT 1')));
    return pool;
}
async function bareQueue(env, name) {
    const redis = (0, redis_connection_1.redisConnectionOptions)({ redisUrl: env.KIT_REDIS_URL, redisTlsCa: undefined });
    const queue = new bull_1.default(name, { redis, prefix: env.KIT_QUEUE_PREFIX });
    await queue.isReady();
    return queue;
}
//# sourceMappingURL=bare-connections.js.map