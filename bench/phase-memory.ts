import type { Context } from './context';
import type { OrchestratorProcess } from '../test/support/orchestrator-process';
import { rssMb } from './procstat';
import { fmt, slope, sleep } from './stats';

/**
 * Worker memory: RSS while it drains a backlog queued before it started, then RSS over a
 * sustained run at the low-load rate (the growth trend is a least-squares slope over the
 * samples after the first fifth, which is warm-up).
 */

export interface BacklogResult extends Record<string, number> {
  backlog: number;
  rss_idle_mb: number;
  rss_peak_mb: number;
  rss_after_mb: number;
  drain_jobs_per_s: number;
  success: number;
}

export interface SoakResult extends Record<string, number> {
  seconds: number;
  offered_per_s: number;
  jobs: number;
  rss_start_mb: number;
  rss_end_mb: number;
  rss_max_mb: number;
  rss_slope_mb_per_min: number;
}

/** Samples a process's RSS every `everyMs` until `stop()`; returns the samples (t in s). */
function sampleRss(pid: number, everyMs: number) {
  const samples: { x: number; y: number }[] = [];
  const t0 = Date.now();
  const take = () => {
    const y = rssMb(pid);
    if (Number.isFinite(y)) samples.push({ x: (Date.now() - t0) / 1000, y });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** Queues `--backlog` jobs with no worker, then starts one and watches it drain them. */
export async function backlogPhase(
  ctx: Context,
  api: OrchestratorProcess,
): Promise<{ result: BacklogResult; worker: OrchestratorProcess }> {
  const n = ctx.flags.backlog;
  await ctx.reset();
  ctx.log(`backlog: queueing ${n} jobs with no worker`);
  await ctx.createJobs(api, n, ctx.flags.connections);
  const worker = await ctx.start('worker', { name: 'worker (backlog)' });
  const t0 = Date.now();
  const rss = sampleRss(worker.pid, 200);
  try {
    await ctx.env.waitFinished(n, Math.max(120_000, n * 100), 200);
  } finally {
    rss.stop();
  }
  const seconds = (Date.now() - t0) / 1000;
  const success = (await ctx.env.statusCounts()).SUCCESS ?? 0;
  if (success !== n) ctx.note(`backlog: ${success} of ${n} jobs succeeded`);
  await sleep(1_000);
  const ys = rss.samples.map((s) => s.y);
  const result: BacklogResult = {
    backlog: n,
    rss_idle_mb: ys[0],
    rss_peak_mb: Math.max(...ys),
    rss_after_mb: rssMb(worker.pid),
    drain_jobs_per_s: n / seconds,
    success,
  };
  ctx.log(
    `backlog: worker RSS ${fmt(result.rss_idle_mb)} MB at start, peak ${fmt(
      result.rss_peak_mb,
    )} MB, drained ${n} at ${fmt(result.drain_jobs_per_s)} jobs/s`,
  );
  return { result, worker };
}

/** `--soak-seconds` of jobs at `--latency-rate`/s through a running worker. */
export async function soakPhase(
  ctx: Context,
  api: OrchestratorProcess,
  worker: OrchestratorProcess,
): Promise<SoakResult> {
  const seconds = ctx.flags.soakSeconds;
  const rate = ctx.flags.latencyRate;
  const jobs = Math.max(1, Math.round(seconds * rate));
  const before = Number(
    (await ctx.env.one<{ n: string }>('SELECT count(*) AS n FROM jobs')).n ?? 0,
  );
  const rss = sampleRss(worker.pid, 1000);
  await ctx.offerJobs(api, jobs, rate);
  await ctx.env.waitFinished(before + jobs, Math.max(60_000, jobs * 100));
  const samples = rss.stop();
  const settled = samples.filter((s) => s.x >= samples[samples.length - 1].x / 5);
  const ys = samples.map((s) => s.y);
  const result: SoakResult = {
    seconds,
    offered_per_s: rate,
    jobs,
    rss_start_mb: ys[0],
    rss_end_mb: ys[ys.length - 1],
    rss_max_mb: Math.max(...ys),
    rss_slope_mb_per_min: slope(settled) * 60,
  };
  ctx.log(
    `soak: ${jobs} jobs over ${seconds} s, worker RSS ${fmt(result.rss_start_mb)} -> ${fmt(
      result.rss_end_mb,
    )} MB (max ${fmt(result.rss_max_mb)}), trend ${fmt(result.rss_slope_mb_per_min, 2)} MB/min`,
  );
  return result;
}
