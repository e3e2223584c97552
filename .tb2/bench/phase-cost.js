"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.costPhase = costPhase;
const context_1 = require("./context");
const stats_1 = require("./stats");
const wire_counter_1 = require("./wire-counter");
const PG_TARGET = { host: '127.0.0.1', port: 5432 };
const REDIS_TARGET = { host: '127.0.0.1', port: 6379 };
function perJob(snapshot, jobs, top = 20) {
    return Object.fromEntries(Object.entries(snapshot.by)
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, n]) => [key, Math.round((n / jobs) * 1000) / 1000]));
}
async function costPhase(ctx) {
    const dbUrl = new URL(ctx.env.databaseUrl);
    const counters = {};
    const procs = [];
    await ctx.reset();
    try {
        for (const role of ['api', 'worker']) {
            const pg = await (0, wire_counter_1.startPgCounter)(PG_TARGET);
            const redis = await (0, wire_counter_1.startRedisCounter)(REDIS_TARGET);
            counters[role] = { pg, redis };
            dbUrl.host = `127.0.0.1:${pg.port}`;
            procs.push(await ctx.start(role, {
                name: `${role} (counted)`,
                env: { DATABASE_URL: dbUrl.toString(), REDIS_URL: `redis://127.0.0.1:${redis.port}/0` },
            }));
        }
        const [api] = procs;
        const all = Object.values(counters).flatMap((c) => [c.pg, c.redis]);
        await (0, stats_1.sleep)(1_000);
        all.forEach((c) => c.reset());
        await (0, stats_1.sleep)(2_000);
        const idleSql = counters.api.pg.snapshot().total + counters.worker.pg.snapshot().total;
        const idleRedis = counters.api.redis.snapshot().total + counters.worker.redis.snapshot().total;
        const jobs = ctx.flags.costJobs;
        all.forEach((c) => c.reset());
        await ctx.createJobs(api, jobs, 8);
        await ctx.env.waitFinished(jobs, Math.max(60_000, jobs * 100));
        const snaps = Object.fromEntries(Object.entries(counters).map(([role, c]) => [
            role,
            { pg: c.pg.snapshot(), redis: c.redis.snapshot() },
        ]));
        const total = (kind) => Object.values(snaps).reduce((sum, s) => sum + s[kind].total, 0) / jobs;
        const result = {
            method: 'counted on the wire: PostgreSQL Query + Execute messages and Redis commands sent by each process, through proxies',
            jobs,
            sql_statements_per_job: total('pg'),
            sql_per_job_by_process: Object.fromEntries(Object.entries(snaps).map(([role, s]) => [role, s.pg.total / jobs])),
            redis_commands_per_job: total('redis'),
            redis_per_job_by_process: Object.fromEntries(Object.entries(snaps).map(([role, s]) => [role, s.redis.total / jobs])),
            idle_sql_per_s: idleSql / 2,
            idle_redis_per_s: idleRedis / 2,
            sql_statements: Object.fromEntries(Object.entries(snaps).map(([role, s]) => [role, perJob(s.pg, jobs)])),
            redis_commands: Object.fromEntries(Object.entries(snaps).map(([role, s]) => [role, perJob(s.redis, jobs)])),
        };
        ctx.log(`cost: ${result.sql_statements_per_job.toFixed(2)} SQL statements/job (api ${result.sql_per_job_by_process.api.toFixed(2)}, worker ${result.sql_per_job_by_process.worker.toFixed(2)}), ${result.redis_commands_per_job.toFixed(1)} Redis commands/job`);
        return result;
    }
    finally {
        for (const proc of procs.reverse())
            await proc.stop(context_1.DRAIN_MS);
        for (const c of Object.values(counters)) {
            await c.pg.close();
            await c.redis.close();
        }
    }
}
//# sourceMappingURL=phase-cost.js.map