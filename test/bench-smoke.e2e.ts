import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { BaselineResult } from '../bench/baseline';
import type { AbResult } from '../bench/phase-ab';

const run = promisify(execFile);
const BENCH = join(__dirname, '..', 'bench', 'run.js');

interface BenchOutput {
  meta: { machine: { cores: number }; versions: Record<string, string> };
  results: Record<string, unknown>;
  ratios: Record<string, number>;
}

/** The harness end to end in its quick mode: it runs and writes what it promises. No timings are judged. */
describe('npm run bench -- --quick', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('measures every phase and writes the results file with machine, versions and ratios', async () => {
    const out = join(dir, 'quick.json');
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
      // The embedded phase renders ten tracks at once: short ones keep the smoke run short.
      env: { ...process.env, LOG_LEVEL: 'warn', EMBEDDED_TRACK_SECONDS: '4' },
      maxBuffer: 10 * 1024 * 1024,
    });
    assert.match(stdout, /\| measurement \| median \|/);
    const written = JSON.parse(await readFile(out, 'utf8')) as BenchOutput;
    assert.ok(written.meta.machine.cores >= 1);
    assert.ok(written.meta.versions.node && written.meta.versions.postgres);
    for (const phase of ['create', 'status', 'e2e_throughput', 'e2e_latency', 'cost', 'memory'])
      assert.ok(written.results[phase], `the ${phase} phase was measured`);
    const capacity = written.results.capacity as { runs: { mode: string; succeeded: number }[] };
    assert.deepEqual(
      capacity.runs.map((r) => [r.mode, r.succeeded]),
      [
        ['limit', 6],
        ['adaptive', 6],
      ],
      'the capacity phase ran every job with a limit and adaptive',
    );
    assert.match(stdout, /\| mode \| jobs \| succeeded \| finished in \|/);
    assert.ok(written.ratios.sql_statements_per_job > 0);
    assert.ok(written.ratios.worker_rss_mb_backlog > 0);
  });

  it('--lines-ab runs its pairs and --ab-app its rounds of both builds at once, each printing the A/B table', async () => {
    const small = [
      '--load-tool',
      'autocannon',
      '--reps',
      '1',
      '--jobs',
      '20',
      '--latency-jobs',
      '10',
    ];
    const app = join(__dirname, '..', 'src', 'main.js');
    for (const [mode, flags] of [
      ['pairs', ['--lines-ab']],
      ['rounds', ['--ab-app', app]],
    ] as const) {
      const out = join(dir, `ab-${mode}.json`);
      const { stdout } = await run(process.execPath, [BENCH, ...flags, '--out', out, ...small], {
        env: { ...process.env, LOG_LEVEL: 'warn' },
        maxBuffer: 10 * 1024 * 1024,
      });
      assert.match(stdout, new RegExp(`\\| figure \\| .* \\(${mode} in order\\) \\|`));
      const { results, notes } = JSON.parse(await readFile(out, 'utf8')) as {
        results: { ab: AbResult };
        notes: string[];
      };
      const { ab } = results;
      assert.equal(ab.mode, mode);
      assert.deepEqual(notes, [], `${mode}: every job succeeded`);
      for (const side of [ab.runs.a, ab.runs.b]) {
        assert.equal(side.throughput.runs.length, 1);
        assert.ok(side.throughput.median.jobs_per_s > 0, `${mode}: jobs ran through`);
        assert.ok(side.latency.median.p50_ms > 0, `${mode}: latency measured`);
      }
      assert.ok(ab.throughput_ratio > 0 && Number.isFinite(ab.p50_ratio), `${mode}: ratios`);
    }
  });

  it('--baseline-only runs the bare-stack kit of bench/kit, needing nothing outside the repository', async () => {
    const out = join(dir, 'baseline.json');
    const args = [BENCH, '--baseline-only', '--quick', '--out', out].concat([
      '--load-tool',
      'autocannon',
      '--seconds',
      '1',
      '--jobs',
      '20',
    ]);
    const { stdout } = await run(process.execPath, args, { maxBuffer: 10 * 1024 * 1024 });
    assert.match(stdout, /bare create: [\d,]+ req\/s/);
    assert.match(stdout, /bare pipeline: [\d,]+ jobs\/s/);
    const { baseline } = JSON.parse(await readFile(out, 'utf8')) as { baseline: BaselineResult };
    assert.ok(baseline.http.createjob.median.rps > 0, 'creates were served');
    assert.ok(baseline.pipeline.e2e_4step.median.jobsPerSec > 0, 'jobs ran through four steps');
    assert.ok(baseline.pipeline.e2e_latency.median.p50ms > 0);
    assert.equal(baseline.reference, undefined, 'no reference kit without a path');
  });
});
