import type { Context } from './context';
import { DRAIN_MS } from './context';
import { createTrack, httpCall } from './http-client';
import { JobStatus, TERMINAL_STATUSES } from '../src/jobs/job-status';
import { nowMs, percentile, sleep } from './stats';
import { cpuSeconds } from './procstat';
import { wavFormat } from '../test/support/wav-fixture';

/** Concurrent creates while the probes run: the load of issue 11's finding (10 gave 5.5 s). */
export const EMBEDDED_CREATES = 10;
const PROBE_GAP_MS = 20;
const GIVE_UP_MS = 600_000;

export interface ProbeFigures {
  [figure: string]: number;
  samples: number;
  p50ms: number;
  p99ms: number;
  maxms: number;
}

export interface EmbeddedResult {
  creates: number;
  succeeded: number;
  render_threads: string;
  track_seconds: number;
  health_live: ProbeFigures;
  job_status: ProbeFigures;
  /** Seconds of mastered audio the succeeded jobs delivered. */
  audio_seconds: number;
  /**
   * CPU seconds the whole process spent (API, pipeline, rendering and mixing) per second of
   * delivered audio: an upper bound on rendering + mixing, whose budget is 0.2.
   */
  cpu_per_audio_second: number;
}

/** Length of a job's delivered master, from its WAV header. */
async function masterSeconds(baseUrl: string, id: string): Promise<number> {
  const job = JSON.parse((await httpCall('GET', `${baseUrl}/jobs/${id}`)).body) as {
    result?: { final_track_url?: string };
  };
  const url = job.result?.final_track_url;
  if (!url) return 0;
  const answer = await fetch(url);
  const format = wavFormat(Buffer.from(await answer.arrayBuffer()));
  return format.dataBytes / (format.sampleRate * format.channels * (format.bitDepth / 8));
}

function figures(latencies: number[]): ProbeFigures {
  return {
    samples: latencies.length,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    maxms: latencies.length ? Math.max(...latencies) : 0,
  };
}

async function timed(url: string): Promise<{ ms: number; body: string }> {
  const start = nowMs();
  const answer = await httpCall('GET', url);
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
  return { ms: nowMs() - start, body: answer.body };
}

/**
 * The embedded services under load: one all-in-one process with no service URLs, 10
 * concurrent creates, and meanwhile /health/live and GET /jobs/{id} probed one after the
 * other. Their p99 shows whether rendering and mixing leave the API's event loop free.
 */
export async function embeddedPhase(ctx: Context): Promise<EmbeddedResult> {
  // Alone, this phase runs first: the app's own start migrates the still empty database.
  if (!ctx.flags.embeddedOnly) await ctx.reset();
  const unset = Object.fromEntries(Object.keys(ctx.stub.env).map((name) => [name, '']));
  const app = await ctx.start('all', { name: 'embedded', env: unset });
  try {
    const started = nowMs();
    const cpuBefore = cpuSeconds(app.pid);
    const ids = await Promise.all(
      Array.from({ length: EMBEDDED_CREATES }, () => createTrack(app.url, ctx.body)),
    );
    const health: number[] = [];
    const status: number[] = [];
    const finished = new Map<string, JobStatus>();
    let probe = 0;
    while (finished.size < ids.length && nowMs() - started < GIVE_UP_MS) {
      health.push((await timed(`${app.url}/health/live`)).ms);
      const id = ids[probe++ % ids.length];
      const answer = await timed(`${app.url}/jobs/${id}`);
      status.push(answer.ms);
      const state = (JSON.parse(answer.body) as { status: JobStatus }).status;
      if (TERMINAL_STATUSES.includes(state)) finished.set(id, state);
      await sleep(PROBE_GAP_MS);
    }
    const cpu = cpuSeconds(app.pid) - cpuBefore;
    const succeededIds = [...finished].filter(([, s]) => s === JobStatus.Success).map(([id]) => id);
    const succeeded = succeededIds.length;
    let audio = 0;
    for (const id of succeededIds) audio += await masterSeconds(app.url, id);
    if (succeeded < ids.length)
      ctx.note(`embedded: ${succeeded} of ${ids.length} jobs succeeded within the run`);
    return {
      creates: ids.length,
      succeeded,
      render_threads: process.env.EMBEDDED_RENDER_THREADS ?? 'default',
      track_seconds: (nowMs() - started) / 1000,
      health_live: figures(health),
      job_status: figures(status),
      audio_seconds: audio,
      cpu_per_audio_second: audio > 0 ? cpu / audio : NaN,
    };
  } finally {
    await app.stop(DRAIN_MS);
  }
}

export function embeddedLine(r: EmbeddedResult): string {
  const f = (x: number) => x.toFixed(1);
  return (
    `embedded services, ${r.creates} concurrent creates (${r.succeeded} succeeded in ` +
    `${r.track_seconds.toFixed(1)} s, render threads ${r.render_threads}): ` +
    `/health/live p50 ${f(r.health_live.p50ms)} ms, p99 ${f(r.health_live.p99ms)} ms, max ` +
    `${f(r.health_live.maxms)} ms (${r.health_live.samples}); GET /jobs/{id} p50 ` +
    `${f(r.job_status.p50ms)} ms, p99 ${f(r.job_status.p99ms)} ms, max ${f(r.job_status.maxms)} ms; ` +
    `${r.cpu_per_audio_second.toFixed(3)} s of CPU per second of audio (${r.audio_seconds.toFixed(0)} s made)`
  );
}
