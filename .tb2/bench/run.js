"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const baseline_1 = require("./baseline");
const bench_env_1 = require("./bench-env");
const cleanup_1 = require("./cleanup");
const context_1 = require("./context");
const flags_1 = require("./flags");
const http_client_1 = require("./http-client");
const loadgen_1 = require("./loadgen");
const machine_1 = require("./machine");
const phase_capacity_1 = require("./phase-capacity");
const phase_cost_1 = require("./phase-cost");
const phase_embedded_1 = require("./phase-embedded");
const phase_e2e_1 = require("./phase-e2e");
const phase_http_1 = require("./phase-http");
const phase_memory_1 = require("./phase-memory");
const phase_seed_1 = require("./phase-seed");
const report_1 = require("./report");
const stats_1 = require("./stats");
const stub_server_1 = require("./stub-server");
function profileArgs(flags, role) {
    if (!flags.cpuProfDir)
        return [];
    (0, node_fs_1.mkdirSync)(flags.cpuProfDir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${flags.cpuProfDir}`, `--cpu-prof-name=${role}.cpuprofile`];
}
async function main() {
    const flags = (0, flags_1.parseFlags)(process.argv.slice(2));
    (0, cleanup_1.installSignalHandlers)();
    if (!(0, node_fs_1.existsSync)(flags.app))
        throw new Error(`${flags.app} does not exist: run npm run build first, or pass --app`);
    const tool = (0, loadgen_1.pickTool)(flags.loadTool);
    const started = Date.now();
    const env = new bench_env_1.BenchEnv();
    await env.setUp();
    const stub = await (0, stub_server_1.startStub)();
    (0, cleanup_1.onCleanup)('stub', () => stub.stop());
    const ctx = new context_1.Context(flags, env, stub, tool);
    ctx.log(`database ${env.name}, queue prefix ${env.queuePrefix}, load tool ${tool}`);
    const meta = await (0, machine_1.describeRun)(env, flags, tool);
    const baseline = flags.baseline ? await (0, baseline_1.runBaseline)(ctx, flags.referenceKit) : undefined;
    if (baseline && flags.baselineOnly) {
        writeResults(flags, {
            meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
            baseline,
        });
        printBaseline(baseline);
        process.stdout.write(`written to ${flags.out}\n`);
        return;
    }
    if (flags.embeddedOnly) {
        const embedded = await (0, phase_embedded_1.embeddedPhase)(ctx);
        writeResults(flags, {
            meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
            results: { embedded },
            notes: ctx.notes,
        });
        process.stdout.write(`\n${(0, phase_embedded_1.embeddedLine)(embedded)}\nwritten to ${flags.out}\n`);
        return;
    }
    if (flags.capacityOnly) {
        const capacity = await (0, phase_capacity_1.capacityPhase)(ctx);
        writeResults(flags, {
            meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
            results: { capacity },
            notes: ctx.notes,
        });
        process.stdout.write(`\n${(0, phase_capacity_1.capacityTable)(capacity)}\n\nwritten to ${flags.out}\n`);
        return;
    }
    const api = await ctx.start('api', { nodeArgs: profileArgs(flags, 'api') });
    const create = await (0, phase_http_1.createBench)(ctx, api);
    const worker = await ctx.start('worker', { nodeArgs: profileArgs(flags, 'worker') });
    const e2e = await (0, phase_e2e_1.e2eThroughput)(ctx, api, worker);
    const latency = await (0, phase_e2e_1.e2eLatency)(ctx, api);
    const status = await (0, phase_http_1.statusBench)(ctx, api, await (0, phase_http_1.successIds)(ctx));
    const list = await (0, phase_http_1.listBench)(ctx, api);
    await worker.stop(context_1.DRAIN_MS);
    const cost = await (0, phase_cost_1.costPhase)(ctx);
    const backlog = await (0, phase_memory_1.backlogPhase)(ctx, api);
    const soak = await (0, phase_memory_1.soakPhase)(ctx, api, backlog.worker);
    await backlog.worker.stop(context_1.DRAIN_MS);
    const embedded = await (0, phase_embedded_1.embeddedPhase)(ctx);
    const capacity = await (0, phase_capacity_1.capacityPhase)(ctx);
    const seeded = flags.seedRows > 0 ? await (0, phase_seed_1.seedPhase)(ctx, api, { create, status }) : undefined;
    await api.stop(context_1.DRAIN_MS);
    const results = {
        create,
        status,
        list,
        e2e_throughput: e2e,
        e2e_latency: latency,
        cost,
        memory: { backlog: backlog.result, soak },
        embedded,
        capacity,
        seeded,
        baseline,
    };
    const q = (0, report_1.ratios)(results);
    const output = {
        meta: { ...meta, total_seconds: (Date.now() - started) / 1000 },
        results,
        ratios: q,
        notes: ctx.notes,
    };
    writeResults(flags, output);
    const m = meta.machine;
    process.stdout.write(`\n${m.cores} x ${m.cpu_model}, ${m.mem_gb} GiB, Linux ${m.kernel}; Node ${meta.versions.node}, ` +
        `PostgreSQL ${meta.versions.postgres}, Redis ${meta.versions.redis}; ${meta.date}; ` +
        `${flags.reps} rep(s), median shown; load tool ${tool}\n\n` +
        `${(0, report_1.table)(results, q, flags)}\n\n${(0, phase_embedded_1.embeddedLine)(embedded)}\n\n${(0, phase_capacity_1.capacityTable)(capacity)}\n\n` +
        (baseline?.reference ? `${(0, baseline_1.agreementTable)(baseline.reference.agreement)}\n\n` : '') +
        (ctx.notes.length ? `Notes:\n${ctx.notes.map((n) => `- ${n}`).join('\n')}\n\n` : '') +
        `ratios: ${JSON.stringify(q)}\nwritten to ${flags.out} (${output.meta.total_seconds.toFixed(0)} s)\n`);
}
function writeResults(flags, output) {
    (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(flags.out), { recursive: true });
    (0, node_fs_1.writeFileSync)(flags.out, `${JSON.stringify(output, null, 2)}\n`);
}
function printBaseline(baseline) {
    const create = baseline.http.createjob.median;
    const e2e = baseline.pipeline.e2e_4step.median;
    const latency = baseline.pipeline.e2e_latency.median;
    process.stdout.write(`\nbare create: ${(0, stats_1.fmt)(create.rps)} req/s, p50 ${(0, stats_1.fmt)(create.p50ms, 2)} ms, p99 ${(0, stats_1.fmt)(create.p99ms, 2)} ms\n` +
        `bare pipeline: ${(0, stats_1.fmt)(e2e.jobsPerSec)} jobs/s, ${(0, stats_1.fmt)(e2e.machineUsPerJob)} us machine CPU per job; ` +
        `latency p50 ${(0, stats_1.fmt)(latency.p50ms, 1)} ms, p99 ${(0, stats_1.fmt)(latency.p99ms, 1)} ms\n\n` +
        (baseline.reference ? `${(0, baseline_1.agreementTable)(baseline.reference.agreement)}\n` : ''));
}
main()
    .then(async () => {
    (0, http_client_1.closeHttpClient)();
    await (0, cleanup_1.runCleanup)();
    process.exit(0);
})
    .catch(async (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    (0, http_client_1.closeHttpClient)();
    await (0, cleanup_1.runCleanup)();
    process.exit(1);
});
//# sourceMappingURL=run.js.map