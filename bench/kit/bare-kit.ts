import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { REDIS_URL } from '../bench-env';
import type { Context } from '../context';
import { runLoad } from '../loadgen';
import { CpuWindow } from '../procstat';
import { fmt, nowMs, repeat, Repeated, sleep } from '../stats';
import { barePool, bareQueue, BareKitEnv } from './bare-connections';
import {
  BARE_CREATE_QUEUE,
  BARE_DDL,
  BARE_PIPELINE_QUEUE,
  BARE_TABLE,
  CREATE_BODY,
  INSERT_JOB,
} from './bare-schema';
import { KitProcess } from './kit-process';

/**
 * The bare-stack baseline of `--baseline`: the same PostgreSQL, Redis, Bull and stub as the
 * orchestrator's run, with none of the orchestrator. Two suites, with the load shapes the
 * orchestrator's phases use so every ratio compares like with like:
 *
 * - **create**: `bare-create-server` (node:http, one INSERT, one Bull add) under closed-loop
 *   load, 50 connections, `--seconds` per repetition after a 1 s warm-up.
 * - **pipeline**: 32 producers in this process INSERT and add `--jobs` jobs that
 *   `bare-pipeline-worker` runs through the stub's four services (after a 200-job warm-up),
 *   then 200 jobs one every 10 ms for the create -> last UPDATE latency (both times from the
 *   database clock).
 */

/** Figures keyed as the bench-limits kit keys them, so a result of either reads the same. */
export interface BareCreateFigures extends Record<string, number> {
  rps: number;
  p50ms: number;
  p99ms: number;
  serverUsPerReq: number;
  util: number;
}

export interface BarePipelineFigures extends Record<string, number> {
  jobsPerSec: number;
  createPhasePerSec: number;
  util: number;
  machineUsPerJob: number;
  workerUsPerJob: number;
  stubUsPerJob: number;
}

export interface BareLatencyFigures extends Record<string, number> {
  p50ms: number;
  p99ms: number;
}

export interface BareKitResult {
  http: { createjob: Repeated<BareCreateFigures> };
  pipeline: {
    e2e_4step: Repeated<BarePipelineFigures>;
    e2e_latency: Repeated<BareLatencyFigures>;
  };
}

const PRODUCERS = 32;
const WARM_UP_JOBS = 200;
const LATENCY_JOBS = 200;
const LATENCY_GAP_MS = 10;

function kitEnv(ctx: Context): BareKitEnv {
  return {
    KIT_DATABASE_URL: ctx.env.databaseUrl,
    KIT_REDIS_URL: REDIS_URL,
    KIT_QUEUE_PREFIX: ctx.env.queuePrefix,
  };
}

export async function bareCreateSuite(
  ctx: Context,
  reps = ctx.flags.reps,
): Promise<Repeated<BareCreateFigures>> {
  const server = await KitProcess.start(join(__dirname, 'bare-create-server.js'), kitEnv(ctx));
  try {
    const load = (seconds: number) =>
      runLoad(ctx.tool, {
        baseUrl: `http://127.0.0.1:${server.port}`,
        method: 'POST',
        paths: ['/create-track'],
        body: CREATE_BODY,
        connections: ctx.flags.connections,
        seconds,
      });
    await load(1); // JIT and connections warm, not counted
    const result = await repeat(reps, async () => {
      const cpu = await CpuWindow.open({ server: () => [server.pid] });
      const run = await load(ctx.flags.loadSeconds);
      const c = await cpu.close(run.requests);
      if (run.non2xx + run.errors > 0)
        ctx.note(`bare create: ${run.non2xx} non-2xx answers, ${run.errors} socket errors`);
      return {
        rps: run.rps,
        p50ms: run.p50_ms,
        p99ms: run.p99_ms,
        serverUsPerReq: c.server_us_per_op,
        util: c.machine_util,
      };
    });
    ctx.log(
      `bare create: ${result.runs.map((r) => fmt(r.rps)).join(' / ')} req/s, ` +
        `p99 ${result.runs.map((r) => fmt(r.p99ms, 2)).join(' / ')} ms`,
    );
    return result;
  } finally {
    await server.stop();
    await ctx.env.deleteKeys(`${ctx.env.queuePrefix}:${BARE_CREATE_QUEUE}:*`);
  }
}

export async function barePipelineSuite(
  ctx: Context,
  reps = ctx.flags.reps,
): Promise<BareKitResult['pipeline']> {
  const env = kitEnv(ctx);
  const stepUrls = [
    ctx.stub.env.PROMPT_PARSER_URL,
    ctx.stub.env.STYLE_ANALYSIS_URL,
    ctx.stub.env.SOUND_GENERATION_URL,
    ctx.stub.env.MIXING_MASTERING_URL,
  ];
  const worker = await KitProcess.start(join(__dirname, 'bare-pipeline-worker.js'), {
    ...env,
    KIT_STEP_URLS: stepUrls.join(','),
  });
  const pool = await barePool(env);
  const queue = await bareQueue(env, BARE_PIPELINE_QUEUE);
  const createJob = async () => {
    const id = randomUUID();
    await pool.query(INSERT_JOB, [id, 'bare pipeline job', '{}']);
    await queue.add({ jobId: id }, { jobId: id });
  };

  const throughput = async (jobs: number): Promise<BarePipelineFigures> => {
    const finished = worker.finish(jobs);
    const cpu = await CpuWindow.open({ worker: () => [worker.pid], stub: () => [ctx.stub.pid] });
    const t0 = nowMs();
    let next = 0;
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        while (next < jobs) {
          next++;
          await createJob();
        }
      }),
    );
    const createdMs = nowMs() - t0;
    await finished;
    const c = await cpu.close(jobs);
    return {
      jobsPerSec: jobs / c.wall_s,
      createPhasePerSec: (jobs / createdMs) * 1000,
      util: c.machine_util,
      machineUsPerJob: c.machine_us_per_op,
      workerUsPerJob: c.worker_us_per_op,
      stubUsPerJob: c.stub_us_per_op,
    };
  };

  const latency = async (): Promise<BareLatencyFigures> => {
    await ctx.env.sql(`TRUNCATE ${BARE_TABLE}`);
    const jobs = ctx.flags.quick ? 50 : LATENCY_JOBS;
    const finished = worker.finish(jobs);
    for (let i = 0; i < jobs; i++) {
      await createJob();
      await sleep(LATENCY_GAP_MS);
    }
    await finished;
    const [row] = await ctx.env.sql<{ p50: number; p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM updated_at - created_at) * 1000 AS ms
                 FROM ${BARE_TABLE} WHERE status = 'succeeded') finished`,
    );
    return { p50ms: Number(row.p50), p99ms: Number(row.p99) };
  };

  try {
    await throughput(ctx.flags.quick ? 20 : WARM_UP_JOBS);
    const e2e = await repeat(reps, () => throughput(ctx.flags.jobs));
    const unfinished = await ctx.env.sql(
      `SELECT 1 FROM ${BARE_TABLE} WHERE status <> 'succeeded' LIMIT 1`,
    );
    if (unfinished.length > 0) ctx.note('bare pipeline: some jobs did not succeed');
    const lat = await repeat(reps, latency);
    ctx.log(
      `bare pipeline: ${e2e.runs.map((r) => fmt(r.jobsPerSec)).join(' / ')} jobs/s; ` +
        `p50 ${lat.runs.map((r) => fmt(r.p50ms, 1)).join(' / ')} ms, ` +
        `p99 ${lat.runs.map((r) => fmt(r.p99ms, 1)).join(' / ')} ms`,
    );
    return { e2e_4step: e2e, e2e_latency: lat };
  } finally {
    await worker.stop();
    await queue.obliterate({ force: true });
    await queue.close();
    await pool.end();
  }
}

/** Runs `work` with the bare kit's table created, and drops it after. */
export async function withBareTable<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  await ctx.env.sql(BARE_DDL);
  try {
    return await work();
  } finally {
    await ctx.env.sql(`DROP TABLE IF EXISTS ${BARE_TABLE}`);
  }
}
