"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BenchEnv = exports.BENCH_APP_NAME = exports.REDIS_URL = exports.PG_ADMIN_URL = void 0;
const ioredis_1 = __importDefault(require("ioredis"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
const cleanup_1 = require("./cleanup");
exports.PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
exports.REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
exports.BENCH_APP_NAME = 'orch-bench';
class BenchEnv {
    name = `orch_bench_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
    databaseUrl;
    artifactsDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'orch-bench-'));
    redis = new ioredis_1.default(exports.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
    pool;
    ownQueries = 0;
    constructor() {
        const url = new URL(exports.PG_ADMIN_URL);
        url.pathname = `/${this.name}`;
        this.databaseUrl = url.toString();
    }
    get queuePrefix() {
        return this.name;
    }
    async setUp() {
        await this.redis.connect();
        (0, cleanup_1.onCleanup)('redis client', () => this.redis.quit());
        (0, cleanup_1.onCleanup)('artifacts dir', () => (0, node_fs_1.rmSync)(this.artifactsDir, { recursive: true, force: true }));
        await withAdmin((admin) => admin.query(`CREATE DATABASE ${this.name}`));
        (0, cleanup_1.onCleanup)(`drop database ${this.name}`, () => this.dropDatabase());
        (0, cleanup_1.onCleanup)(`redis keys ${this.name}:*`, () => this.deleteKeys(`${this.name}:*`));
        this.pool = new pg_1.Pool({
            connectionString: this.databaseUrl,
            max: 4,
            application_name: exports.BENCH_APP_NAME,
            options: '-c enable_seqscan=off',
        });
    }
    async dropDatabase() {
        await this.pool?.end().catch(() => undefined);
        this.pool = undefined;
        await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
    }
    async sql(text, params = []) {
        if (!this.pool)
            throw new Error('BenchEnv is not set up');
        this.ownQueries++;
        return (await this.pool.query(text, params)).rows;
    }
    async one(text, params = []) {
        const rows = await this.sql(text, params);
        return rows[0];
    }
    async truncateJobs() {
        await this.sql('TRUNCATE jobs CASCADE');
    }
    async clearQueue() {
        await this.deleteKeys(`${this.name}:pipeline:*`);
    }
    async deleteKeys(pattern) {
        let cursor = '0';
        let deleted = 0;
        do {
            const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
            cursor = next;
            if (keys.length > 0)
                deleted += await this.redis.unlink(...keys);
        } while (cursor !== '0');
        return deleted;
    }
    async statusCounts() {
        const rows = await this.sql('SELECT status, count(*) AS n FROM jobs GROUP BY status');
        return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    }
    async appBackendPids() {
        const rows = await this.sql(`SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name <> $1`, [exports.BENCH_APP_NAME]);
        return rows.map((r) => r.pid);
    }
    async pgBackgroundPids() {
        const rows = await this.sql(`SELECT pid FROM pg_stat_activity WHERE backend_type NOT IN ('client backend')
          AND backend_type NOT LIKE 'autovacuum worker%'`);
        return rows.map((r) => r.pid);
    }
    async redisPid() {
        const info = await this.redis.info('server');
        const pid = /process_id:(\d+)/.exec(info);
        return pid ? [Number(pid[1])] : [];
    }
    async waitFinished(count, timeoutMs, pollMs = 50) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const { n } = await this.one(`SELECT (SELECT count(*) FROM jobs) - (SELECT count(*) FROM jobs WHERE finished_at IS NULL) AS n`);
            if (Number(n) >= count)
                return;
            if (Date.now() > deadline) {
                throw new Error(`only ${n} of ${count} jobs finished in ${timeoutMs} ms: ${JSON.stringify(await this.statusCounts())}`);
            }
            await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
    }
}
exports.BenchEnv = BenchEnv;
async function withAdmin(work) {
    const admin = new pg_1.Client({ connectionString: exports.PG_ADMIN_URL, application_name: exports.BENCH_APP_NAME });
    await admin.connect();
    try {
        await work(admin);
    }
    finally {
        await admin.end();
    }
}
//# sourceMappingURL=bench-env.js.map