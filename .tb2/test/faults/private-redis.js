"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PrivateRedis = void 0;
const node_child_process_1 = require("node:child_process");
const ioredis_1 = __importDefault(require("ioredis"));
const promises_1 = require("node:fs/promises");
const orchestrator_process_1 = require("../support/orchestrator-process");
const live = new Set();
process.once('exit', () => {
    for (const child of live)
        child.kill('SIGKILL');
});
class PrivateRedis {
    tls;
    child;
    exited;
    ca;
    url = '';
    constructor(tls) {
        this.tls = tls;
    }
    async start() {
        const port = await (0, orchestrator_process_1.freePort)();
        const listen = this.tls
            ? [
                ...['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no'],
                ...['--tls-cert-file', this.tls.certFile, '--tls-key-file', this.tls.keyFile],
                ...['--tls-ca-cert-file', this.tls.caFile],
            ]
            : ['--port', String(port)];
        const child = (0, node_child_process_1.spawn)('redis-server', [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
        this.child = child;
        live.add(child);
        this.exited = new Promise((resolve) => child.once('exit', () => {
            live.delete(child);
            resolve();
        }));
        this.url = `${this.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}/0`;
        this.ca = this.tls ? await (0, promises_1.readFile)(this.tls.caFile, 'utf8') : undefined;
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
            if (child.exitCode !== null)
                throw new Error(`redis-server exited with ${child.exitCode}`);
            if (await this.command((redis) => redis.ping()).catch(() => undefined))
                return;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`redis-server did not answer on port ${port}`);
    }
    async flushAll() {
        return this.command(async (redis) => {
            const keys = await redis.dbsize();
            await redis.flushall();
            return keys;
        });
    }
    async stop() {
        if (!this.child || this.child.exitCode !== null)
            return;
        this.child.kill('SIGKILL');
        await this.exited;
    }
    async command(work) {
        const redis = new ioredis_1.default(this.url, {
            lazyConnect: true,
            maxRetriesPerRequest: 0,
            retryStrategy: () => null,
            ...(this.ca ? { tls: { ca: this.ca } } : {}),
        });
        redis.on('error', () => undefined);
        try {
            await redis.connect();
            return await work(redis);
        }
        finally {
            redis.disconnect();
        }
    }
}
exports.PrivateRedis = PrivateRedis;
//# sourceMappingURL=private-redis.js.map