import type { Context } from './context';
import { e2eLatency, e2eThroughput } from './phase-e2e';
import { fmt, median, pooled, type Repeated } from './stats';

/** Every service's line off: each call is sent at once, as before capacity-aware dispatch. */
export const LINES_OFF: Record<string, string> = {
  PROMPT_PARSER_CONCURRENCY: '0',
  STYLE_ANALYSIS_CONCURRENCY: '0',
  SOUND_GENERATION_CONCURRENCY: '0',
  MIXING_MASTERING_CONCURRENCY: '0',
};

export interface LinesAb {
  on: { throughput: Repeated; latency: Repeated };
  off: { throughput: Repeated; latency: Repeated };
  /** Medians of the pairs' ratios (lines on / off), each pair measured back to back. */
  throughput_ratio: number;
  p50_ratio: number;
  worker_us_ratio: number;
}

/**
 * What the service lines cost when nobody waits, A/B in one run: `--reps` pairs of a worker
 * with the lines (adaptive, as by default) and one with every line off, one right after
 * the other in alternating order against the same API, database and stub, so that the
 * machine's drift falls on both sides of each pair. The first worker with lines also learns the limits (its
 * steps may wait while they climb from 1): its figures show that climb.
 */
export async function linesAbPhase(ctx: Context): Promise<LinesAb> {
  const api = await ctx.start('api');
  const parts = { on: [] as Repeated[][], off: [] as Repeated[][] };
  for (let rep = 0; rep < ctx.flags.reps; rep++) {
    // The order alternates, so a drift of the machine's speed does not favour one side.
    for (const side of rep % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      ctx.log(`lines ${side}, pair ${rep + 1}`);
      const worker = await ctx.start('worker', {
        env: side === 'off' ? LINES_OFF : {},
        name: `worker-lines-${side}`,
      });
      const throughput = await e2eThroughput(ctx, api, worker, 1);
      const latency = await e2eLatency(ctx, api, 1);
      parts[side].push([throughput, latency]);
      await worker.stop(5_000);
    }
  }
  await api.stop(5_000);
  const side = (s: 'on' | 'off') => ({
    throughput: pooled(parts[s].map(([t]) => t)),
    latency: pooled(parts[s].map(([, l]) => l)),
  });
  const pairRatio = (pick: (r: Repeated[]) => number) =>
    median(parts.on.map((on, i) => pick(on) / pick(parts.off[i])));
  const result: LinesAb = {
    on: side('on'),
    off: side('off'),
    throughput_ratio: pairRatio(([t]) => t.median.jobs_per_s),
    p50_ratio: pairRatio(([, l]) => l.median.p50_ms),
    worker_us_ratio: pairRatio(([t]) => t.median.worker_us_per_job),
  };
  ctx.log(
    `lines A/B over ${ctx.flags.reps} pairs: e2e jobs/s on/off ${fmt(result.throughput_ratio, 2)}, ` +
      `p50 at ${ctx.flags.latencyRate} jobs/s on/off ${fmt(result.p50_ratio, 2)}, ` +
      `worker CPU per job on/off ${fmt(result.worker_us_ratio, 2)}`,
  );
  return result;
}

/** The A/B's table: each side's runs, and the medians of the pairs' ratios. */
export function linesAbTable(result: LinesAb): string {
  const row = (
    label: string,
    phase: 'throughput' | 'latency',
    key: string,
    d: number,
    ratio?: number,
  ) => [
    label,
    ...(['on', 'off'] as const).map((side) =>
      result[side][phase].runs.map((x) => fmt(x[key], d)).join(' / '),
    ),
    ratio === undefined ? '' : fmt(ratio, 2),
  ];
  const rows = [
    row('e2e jobs/s', 'throughput', 'jobs_per_s', 0, result.throughput_ratio),
    row('e2e p50 ms at the latency rate', 'latency', 'p50_ms', 1, result.p50_ratio),
    row('worker CPU per job, us', 'throughput', 'worker_us_per_job', 0, result.worker_us_ratio),
    row('Redis server CPU per job, us', 'throughput', 'redis_us_per_job', 0),
    row('steps that waited in a line, per job', 'throughput', 'steps_queued_per_job', 3),
  ];
  const header = ['figure', 'lines on (pairs in order)', 'lines off', 'on / off, median of pairs'];
  return [header, header.map(() => '---'), ...rows].map((c) => `| ${c.join(' | ')} |`).join('\n');
}
