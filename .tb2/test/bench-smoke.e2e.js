"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const node_test_1 = require("node:test");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
const BENCH = (0, node_path_1.join)(__dirname, '..', 'bench', 'run.js');
(0, node_test_1.describe)('npm run bench -- --quick', () => {
    let dir;
    (0, node_test_1.before)(async () => {
        dir = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'bench-smoke-'));
    });
    (0, node_test_1.after)(async () => {
        await (0, promises_1.rm)(dir, { recursive: true, force: true });
    });
    (0, node_test_1.it)('measures every phase and writes the results file with machine, versions and ratios', async () => {
        const out = (0, node_path_1.join)(dir, 'quick.json');
        const args = [
            BENCH,
            '--quick',
            '--out',
            out,
            '--load-tool',
            'autocannon',
            '--seconds',
            '1',
            '--jobs',
            '40',
            '--latency-jobs',
            '20',
            '--backlog',
            '200',
            '--soak-seconds',
            '2',
            '--cost-jobs',
            '10',
        ];
        const { stdout } = await run(process.execPath, args, {
            env: { ...process.env, LOG_LEVEL: 'warn' },
            maxBuffer: 10 * 1024 * 1024,
        });
        strict_1.default.match(stdout, /\| measurement \| median \|/);
        const written = JSON.parse(await (0, promises_1.readFile)(out, 'utf8'));
        strict_1.default.ok(written.meta.machine.cores >= 1);
        strict_1.default.ok(written.meta.versions.node && written.meta.versions.postgres);
        for (const phase of ['create', 'status', 'e2e_throughput', 'e2e_latency', 'cost', 'memory'])
            strict_1.default.ok(written.results[phase], `the ${phase} phase was measured`);
        const capacity = written.results.capacity;
        strict_1.default.deepEqual(capacity.runs.map((r) => [r.mode, r.succeeded]), [
            ['limit', 6],
            ['adaptive', 6],
        ], 'the capacity phase ran every job with a limit and adaptive');
        strict_1.default.match(stdout, /\| mode \| jobs \| succeeded \| finished in \|/);
        strict_1.default.ok(written.ratios.sql_statements_per_job > 0);
        strict_1.default.ok(written.ratios.worker_rss_mb_backlog > 0);
    });
    (0, node_test_1.it)('--baseline-only runs the bare-stack kit of bench/kit, needing nothing outside the repository', async () => {
        const out = (0, node_path_1.join)(dir, 'baseline.json');
        const args = [BENCH, '--baseline-only', '--quick', '--out', out].concat([
            '--load-tool',
            'autocannon',
            '--seconds',
            '1',
            '--jobs',
            '20',
        ]);
        const { stdout } = await run(process.execPath, args, { maxBuffer: 10 * 1024 * 1024 });
        strict_1.default.match(stdout, /bare create: [\d,]+ req\/s/);
        strict_1.default.match(stdout, /bare pipeline: [\d,]+ jobs\/s/);
        const { baseline } = JSON.parse(await (0, promises_1.readFile)(out, 'utf8'));
        strict_1.default.ok(baseline.http.createjob.median.rps > 0, 'creates were served');
        strict_1.default.ok(baseline.pipeline.e2e_4step.median.jobsPerSec > 0, 'jobs ran through four steps');
        strict_1.default.ok(baseline.pipeline.e2e_latency.median.p50ms > 0);
        strict_1.default.equal(baseline.reference, undefined, 'no reference kit without a path');
    });
});
//# sourceMappingURL=bench-smoke.e2e.js.map