"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KIT_AGREEMENT = void 0;
exports.runBaseline = runBaseline;
exports.agreementTable = agreementTable;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const bare_kit_1 = require("./kit/bare-kit");
const stats_1 = require("./stats");
exports.KIT_AGREEMENT = 0.1;
function run(ctx, cwd, cmd, args, env) {
    return new Promise((resolve, reject) => {
        ctx.log(`reference kit: ${cmd} ${args.join(' ')} (in ${cwd})`);
        const child = (0, node_child_process_1.spawn)(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
        child.stderr.on('data', (d) => {
            for (const line of d.toString().split('\n').filter(Boolean))
                process.stderr.write(`  kit | ${line}\n`);
        });
        child.on('error', reject);
        child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`)));
    });
}
function readSuite(path, suite) {
    const file = (0, node_path_1.join)(path, 'results', `partial-${suite}.json`);
    return JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'))[suite];
}
async function referenceSuite(ctx, path, suite) {
    const pg = new URL(ctx.env.databaseUrl);
    const env = {
        ...process.env,
        REPS: '1',
        PGHOST: pg.hostname,
        PGPORT: pg.port || '5432',
        PGUSER: decodeURIComponent(pg.username) || 'postgres',
        PGDATABASE: ctx.env.name,
        WRK_DURATION: `${ctx.flags.loadSeconds}s`,
        PIPELINE_JOBS: String(ctx.flags.jobs),
        ...(ctx.flags.quick ? { PIPELINE_LAT_JOBS: '50' } : {}),
    };
    await run(ctx, path, process.execPath, ['src/all.js', suite], env);
    return readSuite(path, suite);
}
function agreement(bare, reference) {
    const pairs = [
        ['create req/s', bare.http.createjob.median.rps, reference.http?.createjob?.median.rps],
        ['create p99 ms', bare.http.createjob.median.p99ms, reference.http?.createjob?.median.p99ms],
        [
            'pipeline jobs/s',
            bare.pipeline.e2e_4step.median.jobsPerSec,
            reference.pipeline?.e2e_4step?.median.jobsPerSec,
        ],
        [
            'pipeline p50 ms',
            bare.pipeline.e2e_latency.median.p50ms,
            reference.pipeline?.e2e_latency?.median.p50ms,
        ],
        [
            'pipeline p99 ms',
            bare.pipeline.e2e_latency.median.p99ms,
            reference.pipeline?.e2e_latency?.median.p99ms,
        ],
    ];
    return pairs
        .filter((p) => p[1] !== undefined && p[2] !== undefined)
        .map(([figure, b, r]) => ({ figure, bare: b, reference: r, ratio: b / r }));
}
function pooledReference(parts) {
    const pool = (pick) => {
        const found = parts.map(pick).filter((r) => r !== undefined);
        return found.length > 0 ? (0, stats_1.pooled)(found) : undefined;
    };
    return {
        ...parts[0],
        http: { createjob: pool((p) => p.http?.createjob) },
        pipeline: {
            e2e_4step: pool((p) => p.pipeline?.e2e_4step),
            e2e_latency: pool((p) => p.pipeline?.e2e_latency),
        },
    };
}
async function runBaseline(ctx, referencePath) {
    if (!referencePath) {
        const createjob = await (0, bare_kit_1.withBareTable)(ctx, () => (0, bare_kit_1.bareCreateSuite)(ctx));
        const pipeline = await (0, bare_kit_1.withBareTable)(ctx, () => (0, bare_kit_1.barePipelineSuite)(ctx));
        return { http: { createjob }, pipeline };
    }
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(referencePath, 'src', 'all.js')))
        throw new Error(`--baseline ${referencePath}: no src/all.js there; is it the bench-limits kit?`);
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(referencePath, 'node_modules')))
        await run(ctx, referencePath, 'npm', ['ci', '--no-audit', '--no-fund'], process.env);
    const skipped = [];
    if (ctx.tool !== 'wrk') {
        skipped.push('wrk is not installed (apt-get install wrk): the reference kit http suite was skipped');
        ctx.note(skipped[0]);
    }
    const creates = [];
    const pipelines = [];
    const references = [];
    for (let rep = 0; rep < ctx.flags.reps; rep++) {
        ctx.log(`baseline: repetition ${rep + 1} of ${ctx.flags.reps}, bare kit and reference kit`);
        const reference = { path: referencePath, skipped };
        const bareCreate = async () => {
            creates.push(await (0, bare_kit_1.withBareTable)(ctx, () => (0, bare_kit_1.bareCreateSuite)(ctx, 1)));
        };
        const referenceHttp = async () => {
            if (ctx.tool === 'wrk')
                reference.http = await referenceSuite(ctx, referencePath, 'http');
        };
        const barePipeline = async () => {
            pipelines.push(await (0, bare_kit_1.withBareTable)(ctx, () => (0, bare_kit_1.barePipelineSuite)(ctx, 1)));
        };
        const referencePipeline = async () => {
            reference.pipeline = await referenceSuite(ctx, referencePath, 'pipeline');
        };
        const order = rep % 2 === 0
            ? [bareCreate, referenceHttp, barePipeline, referencePipeline]
            : [referenceHttp, bareCreate, referencePipeline, barePipeline];
        for (const suite of order)
            await suite();
        references.push(reference);
    }
    const bare = {
        http: { createjob: (0, stats_1.pooled)(creates) },
        pipeline: {
            e2e_4step: (0, stats_1.pooled)(pipelines.map((p) => p.e2e_4step)),
            e2e_latency: (0, stats_1.pooled)(pipelines.map((p) => p.e2e_latency)),
        },
    };
    const reference = pooledReference(references);
    return { ...bare, reference: { ...reference, agreement: agreement(bare, reference) } };
}
function agreementTable(rows) {
    const lines = [
        '| figure | bare kit (bench/kit) | reference kit | bare / reference | within 10% |',
        '| --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r.figure} | ${(0, stats_1.fmt)(r.bare, 1)} | ${(0, stats_1.fmt)(r.reference, 1)} | ${(0, stats_1.fmt)(r.ratio, 2)} | ` +
            `${Math.abs(r.ratio - 1) <= exports.KIT_AGREEMENT ? 'yes' : 'no'} |`),
    ];
    return lines.join('\n');
}
//# sourceMappingURL=baseline.js.map