"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.e2eThroughput = e2eThroughput;
exports.e2eLatency = e2eLatency;
const server_counters_1 = require("./server-counters");
const stats_1 = require("./stats");
async function timing(ctx) {
    const row = await ctx.env.one(`SELECT extract(epoch FROM min(created_at)) * 1000 AS first_created_ms,
            extract(epoch FROM max(finished_at)) * 1000 AS last_finished_ms,
            count(*) FILTER (WHERE status = 'SUCCESS') AS success,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50_ms,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99_ms
       FROM (SELECT created_at, finished_at, status,
                    extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM jobs) t`);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? NaN : Number(v)]));
}
async function checkAllSucceeded(ctx, n, label) {
    const counts = await ctx.env.statusCounts();
    const success = counts.SUCCESS ?? 0;
    if (success !== n) {
        const sample = await ctx.env.sql(`SELECT error FROM jobs WHERE status <> 'SUCCESS' AND error IS NOT NULL LIMIT 3`);
        ctx.note(`${label}: ${success} of ${n} jobs succeeded ${JSON.stringify({ counts, sample })}`);
    }
    return success;
}
const drainTimeoutMs = (n) => Math.max(60_000, n * 100);
async function e2eThroughput(ctx, api, worker) {
    const n = ctx.flags.jobs;
    const result = await (0, stats_1.repeat)(ctx.flags.reps, async () => {
        await ctx.reset();
        const before = await (0, server_counters_1.readCountersSettled)(ctx.env);
        const cpu = await ctx.cpuWindow({ api, worker });
        const t0 = Date.now();
        await ctx.createJobs(api, n, ctx.flags.producers);
        const tCreated = Date.now();
        await ctx.env.waitFinished(n, drainTimeoutMs(n));
        const usage = await cpu.close(n);
        const t = await timing(ctx);
        const after = await (0, server_counters_1.readCountersSettled)(ctx.env);
        const success = await checkAllSucceeded(ctx, n, 'e2e throughput');
        return {
            jobs_per_s: (n * 1000) / (t.last_finished_ms - t0),
            create_phase_per_s: (n * 1000) / (tCreated - t0),
            success,
            loaded_p50_ms: t.p50_ms,
            loaded_p99_ms: t.p99_ms,
            machine_util: usage.machine_util,
            steal: usage.steal,
            machine_us_per_job: usage.machine_us_per_op,
            api_us_per_job: usage.api_us_per_op,
            worker_us_per_job: usage.worker_us_per_op,
            worker_util: usage.worker_util,
            api_util: usage.api_util,
            stub_us_per_job: usage.stub_us_per_op,
            bench_us_per_job: usage.bench_us_per_op,
            pg_backends_us_per_job: usage.pg_backends_us_per_op,
            pg_background_us_per_job: usage.pg_background_us_per_op,
            redis_us_per_job: usage.redis_us_per_op,
            ...(0, server_counters_1.perJob)(before, after, n),
        };
    });
    ctx.log(`e2e throughput: ${result.runs.map((r) => (0, stats_1.fmt)(r.jobs_per_s)).join(' / ')} jobs/s, worker ${(0, stats_1.fmt)(result.median.worker_us_per_job)} us/job (${(0, stats_1.fmt)(result.median.worker_util * 100)}% of a core), machine ${(0, stats_1.fmt)(result.median.machine_util * 100)}%`);
    return result;
}
async function e2eLatency(ctx, api) {
    const n = ctx.flags.latencyJobs;
    const result = await (0, stats_1.repeat)(ctx.flags.reps, async () => {
        await ctx.reset();
        await ctx.offerJobs(api, n, ctx.flags.latencyRate);
        await ctx.env.waitFinished(n, drainTimeoutMs(n));
        const t = await timing(ctx);
        const success = await checkAllSucceeded(ctx, n, 'e2e latency');
        return { p50_ms: t.p50_ms, p99_ms: t.p99_ms, success, offered_per_s: ctx.flags.latencyRate };
    });
    ctx.log(`e2e latency at ${ctx.flags.latencyRate} jobs/s: p50 ${result.runs
        .map((r) => (0, stats_1.fmt)(r.p50_ms, 1))
        .join(' / ')} ms, p99 ${result.runs.map((r) => (0, stats_1.fmt)(r.p99_ms, 1)).join(' / ')} ms`);
    return result;
}
//# sourceMappingURL=phase-e2e.js.map