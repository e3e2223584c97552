"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CALL_MS = exports.CAPACITY = void 0;
exports.capacityPhase = capacityPhase;
exports.capacityTable = capacityTable;
const node_child_process_1 = require("node:child_process");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const bench_env_1 = require("./bench-env");
const cleanup_1 = require("./cleanup");
const context_1 = require("./context");
const http_client_1 = require("./http-client");
const stats_1 = require("./stats");
const contract_stub_1 = require("../test/support/contract-stub");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
exports.CAPACITY = 2;
exports.CALL_MS = 1_000;
const MODE_SETTING = {
    limit: String(exports.CAPACITY),
    adaptive: undefined,
    unlimited: '0',
};
const TARGET = {
    limit: 1.25,
    adaptive: 1.5,
    unlimited: undefined,
};
async function createKey(ctx, env, name) {
    const cli = (0, node_path_1.join)((0, node_path_1.dirname)(ctx.flags.app), 'auth', 'create-api-key.cli.js');
    const { stdout } = await run(process.execPath, [cli, '--name', name], {
        env: { ...process.env, DATABASE_URL: env.databaseUrl, LOG_LEVEL: 'warn' },
    });
    const lines = stdout.trim().split('\n');
    return lines[lines.length - 1];
}
async function create(api, key, prompt) {
    const answer = await (0, http_client_1.httpCall)('POST', `${api.url}/create-track`, JSON.stringify({ prompt }), {
        'x-api-key': key,
    });
    if (answer.status !== 202)
        throw new Error(`POST /create-track answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    return JSON.parse(answer.body).job_id;
}
async function createMany(api, key, n, concurrency = 8) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
        while (next < n)
            await create(api, key, `capacity bench #${next++}`);
    }));
}
async function runOnce(ctx, stub, mode, jobs) {
    stub.reset();
    stub.capacity = { generate: exports.CAPACITY };
    stub.delayMs = { generate: exports.CALL_MS };
    const env = new bench_env_1.BenchEnv();
    await env.setUp();
    const [keyA, keyB] = [await createKey(ctx, env, 'owner-a'), await createKey(ctx, env, 'owner-b')];
    const setting = MODE_SETTING[mode];
    const extra = {
        DATABASE_URL: env.databaseUrl,
        QUEUE_PREFIX: env.queuePrefix,
        STEP_RETRY_DELAY_MS: '',
        ...(setting === undefined ? {} : { SOUND_GENERATION_CONCURRENCY: setting }),
    };
    const started = [];
    const start = async (role, name) => {
        const proc = await ctx.start(role, { name, env: extra });
        started.push(proc);
        return proc;
    };
    try {
        const api = await start('api', `capacity-api`);
        await Promise.all([start('worker', 'capacity-worker-1'), start('worker', 'capacity-worker-2')]);
        await createMany(api, keyA, jobs - 1);
        const bCreated = Date.now();
        const bId = await create(api, keyB, 'capacity bench, owner B');
        const giveUpMs = Math.max(mode === 'unlimited' ? 600_000 : 180_000, jobs * 10 * exports.CALL_MS);
        const finished = await env.waitFinished(jobs, giveUpMs).then(() => true, (error) => {
            ctx.note(`capacity ${mode} ${jobs}: ${String(error)}`);
            return false;
        });
        const t = await env.one(`SELECT extract(epoch FROM min(created_at)) * 1000 AS first,
              extract(epoch FROM max(finished_at)) * 1000 AS last,
              count(*) FILTER (WHERE status = 'SUCCESS') AS success FROM jobs`);
        const makespan = finished ? (Number(t.last) - Number(t.first)) / 1000 : NaN;
        const generation = stub.callsTo('generate');
        const served = generation.filter((c) => c.outcome !== 'refused');
        const busy = served.reduce((sum, c) => sum + ((c.endedAt ?? c.at) - c.at), 0) / 1000;
        const bStart = stub.callsFor(bId, 'generate_sound').find((c) => c.outcome !== 'refused')?.at;
        const ideal = (jobs * exports.CALL_MS) / 1000 / exports.CAPACITY;
        const result = {
            mode,
            jobs,
            succeeded: Number(t.success),
            makespan_s: makespan,
            ideal_s: ideal,
            ratio: makespan / ideal,
            utilisation: busy / (exports.CAPACITY * makespan),
            rejected_calls: generation.length - served.length,
            second_owner_wait_s: bStart === undefined ? NaN : (bStart - bCreated) / 1000,
            second_owner_turns: bStart === undefined
                ? NaN
                : served.filter((c) => c.jobId !== bId && c.at >= bCreated && c.at < bStart).length,
        };
        if (result.succeeded !== jobs)
            ctx.note(`capacity ${mode} ${jobs}: ${result.succeeded} succeeded`);
        ctx.log(`capacity ${mode}, ${jobs} jobs: ${(0, stats_1.fmt)(makespan, 1)} s (${(0, stats_1.fmt)(result.ratio, 2)}x ideal), ` +
            `utilisation ${(0, stats_1.fmt)(result.utilisation * 100)}%, ${result.rejected_calls} rejected, ` +
            `owner B waited ${(0, stats_1.fmt)(result.second_owner_wait_s, 1)} s (${result.second_owner_turns} of A's calls first)`);
        return result;
    }
    finally {
        await Promise.all(started.map((p) => p.stop(context_1.DRAIN_MS)));
    }
}
async function capacityPhase(ctx) {
    const stub = new contract_stub_1.ContractStub();
    await stub.start();
    (0, cleanup_1.onCleanup)('capacity stub', () => stub.stop());
    const runs = [];
    const previous = ctx.stubEnv;
    ctx.stubEnv = stub.env();
    try {
        for (const jobs of ctx.flags.capacityJobs)
            for (const mode of ctx.flags.capacityModes)
                runs.push(await runOnce(ctx, stub, mode, jobs));
    }
    finally {
        ctx.stubEnv = previous;
        await stub.stop();
    }
    return { capacity: exports.CAPACITY, call_ms: exports.CALL_MS, runs };
}
function capacityTable(result) {
    const header = [
        'mode',
        'jobs',
        'succeeded',
        'finished in',
        'ideal',
        'ratio',
        'target',
        'slot utilisation',
        'rejected calls',
        "owner B's wait",
    ];
    const rows = result.runs.map((r) => {
        const target = TARGET[r.mode];
        return [
            r.mode === 'limit' ? `limit ${result.capacity}` : r.mode,
            String(r.jobs),
            String(r.succeeded),
            `${(0, stats_1.fmt)(r.makespan_s, 1)} s`,
            `${(0, stats_1.fmt)(r.ideal_s, 0)} s`,
            `${(0, stats_1.fmt)(r.ratio, 2)}x`,
            target === undefined ? '' : `<= ${target}x`,
            `${(0, stats_1.fmt)(r.utilisation * 100, 0)}%`,
            String(r.rejected_calls),
            `${(0, stats_1.fmt)(r.second_owner_wait_s, 1)} s (${r.second_owner_turns} ${r.second_owner_turns === 1 ? 'turn' : 'turns'})`,
        ];
    });
    return [
        `Capacity: sound generation takes ${result.capacity} calls at once, ${result.call_ms} ms each, 503 + Retry-After: 1 beyond; 1 API + 2 workers`,
        '',
        ...[header, header.map(() => '---'), ...rows].map((cols) => `| ${cols.join(' | ')} |`),
    ].join('\n');
}
//# sourceMappingURL=phase-capacity.js.map