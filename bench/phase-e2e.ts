import type { Context } from './context';
import type { OrchestratorProcess } from '../test/support/orchestrator-process';
import { perJob, readCountersSettled } from './server-counters';
import { fmt, repeat, Repeated } from './stats';

/**
 * End to end against the zero-latency stub, with an `APP_ROLE=api` process taking the
 * creates and a separate `APP_ROLE=worker` process running the pipeline (the kit's shape:
 * producer and worker apart; it is also how the orchestrator scales).
 */

export interface Timing {
  first_created_ms: number;
  last_finished_ms: number;
  success: number;
  p50_ms: number;
  p99_ms: number;
  /** Steps that waited in a service's line (step.queued events). */
  queued_steps: number;
}

/** Create -> finish figures of the jobs in the table, from PostgreSQL's own timestamps. */
export async function timing(ctx: Context): Promise<Timing> {
  const row = await ctx.env.one<Record<keyof Timing, string | null>>(
    `SELECT extract(epoch FROM min(created_at)) * 1000 AS first_created_ms,
            extract(epoch FROM max(finished_at)) * 1000 AS last_finished_ms,
            count(*) FILTER (WHERE status = 'SUCCESS') AS success,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50_ms,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99_ms,
            (SELECT count(*) FROM job_events WHERE type = 'step.queued') AS queued_steps
       FROM (SELECT created_at, finished_at, status,
                    extract(epoch FROM finished_at - created_at) * 1000 AS ms FROM jobs) t`,
  );
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v === null ? NaN : Number(v)]),
  ) as unknown as Timing;
}

export async function checkAllSucceeded(ctx: Context, n: number, label: string): Promise<number> {
  const counts = await ctx.env.statusCounts();
  const success = counts.SUCCESS ?? 0;
  if (success !== n) {
    const sample = await ctx.env.sql<{ error: unknown }>(
      `SELECT error FROM jobs WHERE status <> 'SUCCESS' AND error IS NOT NULL LIMIT 3`,
    );
    ctx.note(`${label}: ${success} of ${n} jobs succeeded ${JSON.stringify({ counts, sample })}`);
  }
  return success;
}

export const drainTimeoutMs = (n: number) => Math.max(60_000, n * 100);

/** `--jobs` jobs created by `--producers` concurrent clients, drained by the worker. */
export async function e2eThroughput(
  ctx: Context,
  api: OrchestratorProcess,
  worker: OrchestratorProcess,
  reps = ctx.flags.reps,
): Promise<Repeated> {
  const n = ctx.flags.jobs;
  const result = await repeat(reps, async () => {
    await ctx.reset();
    const before = await readCountersSettled(ctx.env);
    const cpu = await ctx.cpuWindow({ api, worker });
    const t0 = Date.now();
    await ctx.createJobs(api, n, ctx.flags.producers);
    const tCreated = Date.now();
    await ctx.env.waitFinished(n, drainTimeoutMs(n));
    const usage = await cpu.close(n);
    const t = await timing(ctx);
    const after = await readCountersSettled(ctx.env);
    const success = await checkAllSucceeded(ctx, n, 'e2e throughput');
    return {
      jobs_per_s: (n * 1000) / (t.last_finished_ms - t0),
      create_phase_per_s: (n * 1000) / (tCreated - t0),
      success,
      loaded_p50_ms: t.p50_ms,
      loaded_p99_ms: t.p99_ms,
      steps_queued_per_job: t.queued_steps / n,
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
      ...perJob(before, after, n),
    };
  });
  ctx.log(
    `e2e throughput: ${result.runs.map((r) => fmt(r.jobs_per_s)).join(' / ')} jobs/s, worker ${fmt(
      result.median.worker_us_per_job,
    )} us/job (${fmt(result.median.worker_util * 100)}% of a core), machine ${fmt(
      result.median.machine_util * 100,
    )}%`,
  );
  return result;
}

/** `--latency-jobs` jobs offered at `--latency-rate`/s; create -> SUCCESS from the rows. */
export async function e2eLatency(
  ctx: Context,
  api: OrchestratorProcess,
  reps = ctx.flags.reps,
): Promise<Repeated> {
  const n = ctx.flags.latencyJobs;
  const result = await repeat(reps, async () => {
    await ctx.reset();
    await ctx.offerJobs(api, n, ctx.flags.latencyRate);
    await ctx.env.waitFinished(n, drainTimeoutMs(n));
    const t = await timing(ctx);
    const success = await checkAllSucceeded(ctx, n, 'e2e latency');
    return {
      p50_ms: t.p50_ms,
      p99_ms: t.p99_ms,
      success,
      offered_per_s: ctx.flags.latencyRate,
      steps_queued_per_job: t.queued_steps / n,
    };
  });
  const runs = (key: 'p50_ms' | 'p99_ms' | 'steps_queued_per_job', d: number) =>
    result.runs.map((r) => fmt(r[key], d)).join(' / ');
  ctx.log(
    `e2e latency at ${ctx.flags.latencyRate} jobs/s: p50 ${runs('p50_ms', 1)} ms, ` +
      `p99 ${runs('p99_ms', 1)} ms, ${runs('steps_queued_per_job', 3)} steps per job waited in a line`,
  );
  return result;
}
