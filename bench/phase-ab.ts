import { BenchEnv } from './bench-env';
import { Context } from './context';
import { checkAllSucceeded, drainTimeoutMs, e2eLatency, e2eThroughput, timing } from './phase-e2e';
import { fmt, median, pooled, withMedians, type Repeated } from './stats';
import type { OrchestratorProcess } from '../test/support/orchestrator-process';

/** Every service's line off: each call is sent at once, as before capacity-aware dispatch. */
export const LINES_OFF: Record<string, string> = {
  PROMPT_PARSER_CONCURRENCY: '0',
  STYLE_ANALYSIS_CONCURRENCY: '0',
  SOUND_GENERATION_CONCURRENCY: '0',
  MIXING_MASTERING_CONCURRENCY: '0',
};

/** The processes one side of a pair runs its jobs through, and how they stop. */
interface SideProcesses {
  api: OrchestratorProcess;
  worker: OrchestratorProcess;
  stop(): Promise<void>;
}

/** One side of an A/B: its name, its private world, and how it starts for one pair. */
interface AbSide {
  label: string;
  ctx: Context;
  start(): Promise<SideProcesses>;
}

export interface AbResult {
  /** What was compared: a and b, in that order in every ratio. */
  a: string;
  b: string;
  /** `pairs`: one side right after the other; `rounds`: both sides at once. */
  mode: 'pairs' | 'rounds';
  runs: Record<'a' | 'b', { throughput: Repeated; latency: Repeated }>;
  /** Medians of the ratios (a / b) of the pairs or rounds, each measured a and b together. */
  throughput_ratio: number;
  p50_ratio: number;
  p99_ratio: number;
  worker_us_ratio: number;
  api_us_ratio: number;
  pg_backends_us_ratio: number;
}

/**
 * `reps` pairs of the two sides, one right after the other in alternating order, so that
 * the machine's drift (consecutive runs of one build differ by 20-40% on a shared VM) falls
 * on both sides of each pair: each run is a 1,000-job pipeline and then the latency run.
 */
async function pairs(ctx: Context, [a, b]: [AbSide, AbSide]): Promise<AbResult> {
  const parts = { a: [] as Repeated[][], b: [] as Repeated[][] };
  for (let rep = 0; rep < ctx.flags.reps; rep++) {
    for (const key of rep % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const side = key === 'a' ? a : b;
      ctx.log(`${side.label}, pair ${rep + 1}`);
      const procs = await side.start();
      const throughput = await e2eThroughput(side.ctx, procs.api, procs.worker, 1);
      const latency = await e2eLatency(side.ctx, procs.api, 1);
      parts[key].push([throughput, latency]);
      await procs.stop();
    }
  }
  const runs = (k: 'a' | 'b') => ({
    throughput: pooled(parts[k].map(([t]) => t)),
    latency: pooled(parts[k].map(([, l]) => l)),
  });
  const pairRatio = (pick: (r: Repeated[]) => number) =>
    median(parts.a.map((x, i) => pick(x) / pick(parts.b[i])));
  const result: AbResult = {
    a: a.label,
    b: b.label,
    mode: 'pairs',
    runs: { a: runs('a'), b: runs('b') },
    throughput_ratio: pairRatio(([t]) => t.median.jobs_per_s),
    p50_ratio: pairRatio(([, l]) => l.median.p50_ms),
    p99_ratio: pairRatio(([, l]) => l.median.p99_ms),
    worker_us_ratio: pairRatio(([t]) => t.median.worker_us_per_job),
    api_us_ratio: pairRatio(([t]) => t.median.api_us_per_job),
    pg_backends_us_ratio: pairRatio(([t]) => t.median.pg_backends_us_per_job),
  };
  ctx.log(
    `A/B over ${ctx.flags.reps} pairs, ${a.label} / ${b.label}: e2e jobs/s ${fmt(result.throughput_ratio, 2)}, ` +
      `p50 at ${ctx.flags.latencyRate} jobs/s ${fmt(result.p50_ratio, 2)}, ` +
      `worker CPU per job ${fmt(result.worker_us_ratio, 2)}`,
  );
  return result;
}

/**
 * What the service lines cost when nobody waits: pairs of a worker with them (adaptive, as
 * by default) and one with every line off, against the same API, database and stub. The
 * first worker with lines also learns the limits (its steps may wait while they climb
 * from 1): its figures show that climb.
 */
export async function linesAbPhase(ctx: Context): Promise<AbResult> {
  const api = await ctx.start('api');
  const side = (label: string, env: Record<string, string>): AbSide => ({
    label,
    ctx,
    start: async () => {
      const worker = await ctx.start('worker', { env, name: `worker-${label.replace(' ', '-')}` });
      return { api, worker, stop: () => worker.stop(5_000) };
    },
  });
  const result = await pairs(ctx, [side('lines on', {}), side('lines off', LINES_OFF)]);
  await api.stop(5_000);
  return result;
}

/** Figures of one side of a simultaneous round. */
type Round = Record<string, number>;

/**
 * One round of both builds at once: each creates `--jobs` jobs with half the producers and
 * drains them (throughput), then each is offered `--latency-jobs` at half the latency rate,
 * their creates alternating (latency). Both live through the same moments of the machine.
 */
async function round(sides: [AbSide, AbSide]): Promise<[Round, Round]> {
  const [a, b] = sides;
  const ctx = a.ctx;
  const procs = await Promise.all(sides.map((side) => side.start()));
  try {
    const n = ctx.flags.jobs;
    await Promise.all(sides.map((side) => side.ctx.reset()));
    const windows = await Promise.all(
      sides.map((side, i) => side.ctx.cpuWindow({ api: procs[i].api, worker: procs[i].worker })),
    );
    const t0 = Date.now();
    const producers = Math.max(1, Math.floor(ctx.flags.producers / 2));
    await Promise.all(sides.map((side, i) => side.ctx.createJobs(procs[i].api, n, producers)));
    const usage = await Promise.all(
      sides.map(async (side, i) => {
        await side.ctx.env.waitFinished(n, drainTimeoutMs(n));
        return windows[i].close(n);
      }),
    );
    const throughput = await Promise.all(
      sides.map(async (side) => {
        const t = await timing(side.ctx);
        await checkAllSucceeded(side.ctx, n, `${side.label} throughput`);
        return {
          jobs_per_s: (n * 1000) / (t.last_finished_ms - t0),
          steps_queued_per_job: t.queued_steps / n,
        };
      }),
    );

    const m = ctx.flags.latencyJobs;
    const rate = ctx.flags.latencyRate / 2;
    await Promise.all(sides.map((side) => side.ctx.reset()));
    await Promise.all([
      a.ctx.offerJobs(procs[0].api, m, rate),
      new Promise((resolve) => setTimeout(resolve, 500 / rate)).then(() =>
        b.ctx.offerJobs(procs[1].api, m, rate),
      ),
    ]);
    const latency = await Promise.all(
      sides.map(async (side) => {
        await side.ctx.env.waitFinished(m, drainTimeoutMs(m));
        await checkAllSucceeded(side.ctx, m, `${side.label} latency`);
        const t = await timing(side.ctx);
        return {
          p50_ms: t.p50_ms,
          p99_ms: t.p99_ms,
          latency_steps_queued_per_job: t.queued_steps / m,
        };
      }),
    );
    const side = (i: number): Round => ({
      ...throughput[i],
      ...latency[i],
      worker_us_per_job: usage[i].worker_us_per_op,
      api_us_per_job: usage[i].api_us_per_op,
      pg_backends_us_per_job: usage[i].pg_backends_us_per_op,
    });
    ctx.log(
      `${a.label}: ${fmt(throughput[0].jobs_per_s)} jobs/s, p50 ${fmt(latency[0].p50_ms, 1)} ms; ` +
        `${b.label}: ${fmt(throughput[1].jobs_per_s)} jobs/s, p50 ${fmt(latency[1].p50_ms, 1)} ms`,
    );
    return [side(0), side(1)];
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

/**
 * This build against another one (`--ab-app`), both at once in `--reps` rounds: an API and
 * a worker of each build, every build on a database and queue prefix of its own (each runs
 * its own migrations), against the same stub. Running them side by side, rather than one
 * after the other, puts the machine's swings on both at the same moments.
 */
export async function buildAbPhase(ctx: Context, otherApp: string): Promise<AbResult> {
  const otherEnv = new BenchEnv();
  await otherEnv.setUp();
  const other = new Context({ ...ctx.flags, app: otherApp }, otherEnv, ctx.stub, ctx.tool);
  const side = (label: string, c: Context): AbSide => ({
    label,
    ctx: c,
    start: async () => {
      const [api, worker] = await Promise.all([
        c.start('api', { name: `api ${label}` }),
        c.start('worker', { name: `worker ${label}` }),
      ]);
      return {
        api,
        worker,
        stop: async () => {
          await worker.stop(5_000);
          await api.stop(5_000);
        },
      };
    },
  });
  const sides: [AbSide, AbSide] = [side('this build', ctx), side(otherApp, other)];
  const rounds: [Round, Round][] = [];
  for (let rep = 0; rep < ctx.flags.reps; rep++) {
    ctx.log(`round ${rep + 1} of ${ctx.flags.reps}, both builds at once`);
    rounds.push(await round(sides));
  }
  // A round measures throughput and latency together: one figure set serves both.
  const runsOf = (i: 0 | 1) => {
    const all = withMedians(rounds.map((r) => r[i]));
    return { throughput: all, latency: all };
  };
  const ratio = (k: string) => median(rounds.map(([x, y]) => x[k] / y[k]));
  const result: AbResult = {
    a: sides[0].label,
    b: sides[1].label,
    mode: 'rounds',
    runs: { a: runsOf(0), b: runsOf(1) },
    throughput_ratio: ratio('jobs_per_s'),
    p50_ratio: ratio('p50_ms'),
    p99_ratio: ratio('p99_ms'),
    worker_us_ratio: ratio('worker_us_per_job'),
    api_us_ratio: ratio('api_us_per_job'),
    pg_backends_us_ratio: ratio('pg_backends_us_per_job'),
  };
  ctx.log(
    `A/B over ${ctx.flags.reps} rounds, ${result.a} / ${result.b}: e2e jobs/s ${fmt(result.throughput_ratio, 2)}, ` +
      `p50 ${fmt(result.p50_ratio, 2)}, p99 ${fmt(result.p99_ratio, 2)}, worker CPU per job ${fmt(result.worker_us_ratio, 2)}`,
  );
  return result;
}

/** The A/B's table: each side's runs, and the medians of the pairs' or rounds' ratios. */
export function abTable(result: AbResult): string {
  const row = (
    label: string,
    phase: 'throughput' | 'latency',
    key: string,
    d: number,
    ratio?: number,
  ) => [
    label,
    ...(['a', 'b'] as const).map((side) =>
      result.runs[side][phase].runs.map((x) => fmt(x[key], d)).join(' / '),
    ),
    ratio === undefined ? '' : fmt(ratio, 2),
  ];
  const measured = (key: string) => key in (result.runs.a.throughput.runs[0] ?? {});
  const rows = [
    row('e2e jobs/s', 'throughput', 'jobs_per_s', 0, result.throughput_ratio),
    row('e2e p50 ms at the latency rate', 'latency', 'p50_ms', 1, result.p50_ratio),
    row('e2e p99 ms at the latency rate', 'latency', 'p99_ms', 1, result.p99_ratio),
    row('worker CPU per job, us', 'throughput', 'worker_us_per_job', 0, result.worker_us_ratio),
    row('API CPU per job, us', 'throughput', 'api_us_per_job', 0, result.api_us_ratio),
    row(
      'PostgreSQL backends CPU per job, us',
      'throughput',
      'pg_backends_us_per_job',
      0,
      result.pg_backends_us_ratio,
    ),
    // Shared by both sides when they run at once, so measured in pairs only.
    ...(measured('redis_us_per_job')
      ? [row('Redis server CPU per job, us', 'throughput', 'redis_us_per_job', 0)]
      : []),
    row('steps that waited in a line, per job', 'throughput', 'steps_queued_per_job', 3),
    ...(measured('latency_steps_queued_per_job')
      ? [row('of those in the latency run', 'latency', 'latency_steps_queued_per_job', 3)]
      : []),
  ];
  const header = [
    'figure',
    `${result.a} (${result.mode} in order)`,
    result.b,
    `${result.a} / ${result.b}, median of ${result.mode}`,
  ];
  return [header, header.map(() => '---'), ...rows].map((c) => `| ${c.join(' | ')} |`).join('\n');
}
