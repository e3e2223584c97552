"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bareCreateSuite = bareCreateSuite;
exports.barePipelineSuite = barePipelineSuite;
exports.withBareTable = withBareTable;
const node_crypto_1 = require("node:crypto");
const node_path_1 = require("node:path");
const bench_env_1 = require("../bench-env");
const loadgen_1 = require("../loadgen");
const procstat_1 = require("../procstat");
const stats_1 = require("../stats");
const bare_connections_1 = require("./bare-connections");
const bare_schema_1 = require("./bare-schema");
const kit_process_1 = require("./kit-process");
const PRODUCERS = 32;
const WARM_UP_JOBS = 200;
const LATENCY_JOBS = 200;
const LATENCY_GAP_MS = 10;
function kitEnv(ctx) {
    return {
        KIT_DATABASE_URL: ctx.env.databaseUrl,
        KIT_REDIS_URL: bench_env_1.REDIS_URL,
        KIT_QUEUE_PREFIX: ctx.env.queuePrefix,
    };
}
async function bareCreateSuite(ctx, reps = ctx.flags.reps) {
    const server = await kit_process_1.KitProcess.start((0, node_path_1.join)(__dirname, 'bare-create-server.js'), kitEnv(ctx));
    try {
        const load = (seconds) => (0, loadgen_1.runLoad)(ctx.tool, {
            baseUrl: `http://127.0.0.1:${server.port}`,
            method: 'POST',
            paths: ['/create-track'],
            body: bare_schema_1.CREATE_BODY,
            connections: ctx.flags.connections,
            seconds,
        });
        await load(1);
        const result = await (0, stats_1.repeat)(reps, async () => {
            const cpu = await procstat_1.CpuWindow.open({ server: () => [server.pid] });
            const run = await load(ctx.flags.loadSeconds);
            const c = await cpu.close(run.requests);
            if (run.non2xx + run.errors > 0)
                ctx.note(`bare create: ${run.non2xx} non-2xx answers, ${run.errors} socket errors`);
            return {
                rps: run.rps,
                p50ms: run.p50_ms,
                p99ms: run.p99_ms,
                serverUsPerReq: c.server_us_per_op,
                util: c.machine_util,
            };
        });
        ctx.log(`bare create: ${result.runs.map((r) => (0, stats_1.fmt)(r.rps)).join(' / ')} req/s, ` +
            `p99 ${result.runs.map((r) => (0, stats_1.fmt)(r.p99ms, 2)).join(' / ')} ms`);
        return result;
    }
    finally {
        await server.stop();
        await ctx.env.deleteKeys(`${ctx.env.queuePrefix}:${bare_schema_1.BARE_CREATE_QUEUE}:*`);
    }
}
async function barePipelineSuite(ctx, reps = ctx.flags.reps) {
    const env = kitEnv(ctx);
    const stepUrls = [
        ctx.stub.env.PROMPT_PARSER_URL,
        ctx.stub.env.STYLE_ANALYSIS_URL,
        ctx.stub.env.SOUND_GENERATION_URL,
        ctx.stub.env.MIXING_MASTERING_URL,
    ];
    const worker = await kit_process_1.KitProcess.start((0, node_path_1.join)(__dirname, 'bare-pipeline-worker.js'), {
        ...env,
        KIT_STEP_URLS: stepUrls.join(','),
    });
    const pool = await (0, bare_connections_1.barePool)(env);
    const queue = await (0, bare_connections_1.bareQueue)(env, bare_schema_1.BARE_PIPELINE_QUEUE);
    const createJob = async () => {
        const id = (0, node_crypto_1.randomUUID)();
        await pool.query(bare_schema_1.INSERT_JOB, [id, 'bare pipeline job', '{}']);
        await queue.add({ jobId: id }, { jobId: id });
    };
    const throughput = async (jobs) => {
        const finished = worker.finish(jobs);
        const cpu = await procstat_1.CpuWindow.open({ worker: () => [worker.pid], stub: () => [ctx.stub.pid] });
        const t0 = (0, stats_1.nowMs)();
        let next = 0;
        await Promise.all(Array.from({ length: PRODUCERS }, async () => {
            while (next < jobs) {
                next++;
                await createJob();
            }
        }));
        const createdMs = (0, stats_1.nowMs)() - t0;
        await finished;
        const c = await cpu.close(jobs);
        return {
            jobsPerSec: jobs / c.wall_s,
            createPhasePerSec: (jobs / createdMs) * 1000,
            util: c.machine_util,
            machineUsPerJob: c.machine_us_per_op,
            workerUsPerJob: c.worker_us_per_op,
            stubUsPerJob: c.stub_us_per_op,
        };
    };
    const latency = async () => {
        await ctx.env.sql(`TRUNCATE ${bare_schema_1.BARE_TABLE}`);
        const jobs = ctx.flags.quick ? 50 : LATENCY_JOBS;
        const finished = worker.finish(jobs);
        for (let i = 0; i < jobs; i++) {
            await createJob();
            await (0, stats_1.sleep)(LATENCY_GAP_MS);
        }
        await finished;
        const [row] = await ctx.env.sql(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM updated_at - created_at) * 1000 AS ms
                 FROM ${bare_schema_1.BARE_TABLE} WHERE status = 'succeeded') finished`);
        return { p50ms: Number(row.p50), p99ms: Number(row.p99) };
    };
    try {
        await throughput(ctx.flags.quick ? 20 : WARM_UP_JOBS);
        const e2e = await (0, stats_1.repeat)(reps, () => throughput(ctx.flags.jobs));
        const unfinished = await ctx.env.sql(`SELECT 1 FROM ${bare_schema_1.BARE_TABLE} WHERE status <> 'succeeded' LIMIT 1`);
        if (unfinished.length > 0)
            ctx.note('bare pipeline: some jobs did not succeed');
        const lat = await (0, stats_1.repeat)(reps, latency);
        ctx.log(`bare pipeline: ${e2e.runs.map((r) => (0, stats_1.fmt)(r.jobsPerSec)).join(' / ')} jobs/s; ` +
            `p50 ${lat.runs.map((r) => (0, stats_1.fmt)(r.p50ms, 1)).join(' / ')} ms, ` +
            `p99 ${lat.runs.map((r) => (0, stats_1.fmt)(r.p99ms, 1)).join(' / ')} ms`);
        return { e2e_4step: e2e, e2e_latency: lat };
    }
    finally {
        await worker.stop();
        await queue.obliterate({ force: true });
        await queue.close();
        await pool.end();
    }
}
async function withBareTable(ctx, work) {
    await ctx.env.sql(bare_schema_1.BARE_DDL);
    try {
        return await work();
    }
    finally {
        await ctx.env.sql(`DROP TABLE IF EXISTS ${bare_schema_1.BARE_TABLE}`);
    }
}
//# sourceMappingURL=bare-kit.js.map