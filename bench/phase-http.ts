import type { Context } from './context';
import { httpCall } from './http-client';
import { runLoad, LoadSpec } from './loadgen';
import type { OrchestratorProcess } from '../test/support/orchestrator-process';
import { fmt, repeat, Repeated } from './stats';

/**
 * HTTP-only measurements against an `APP_ROLE=api` process: create throughput and latency
 * (the pipeline not consuming), status reads of single jobs, and the first page of the job
 * list when that route exists. Each is a closed loop at `--connections` (50) for
 * `--seconds`, after a 1 s warm-up, repeated `--reps` times.
 */

async function measure(
  ctx: Context,
  api: OrchestratorProcess,
  label: string,
  spec: Omit<LoadSpec, 'baseUrl' | 'connections' | 'seconds'>,
  connections = ctx.flags.connections,
): Promise<Repeated> {
  const base = { ...spec, baseUrl: api.url, connections };
  await runLoad(ctx.tool, { ...base, seconds: 1 }); // warm-up: JIT, pools, connections
  const result = await repeat(ctx.flags.reps, async () => {
    const cpu = await ctx.cpuWindow({ api });
    const load = await runLoad(ctx.tool, { ...base, seconds: ctx.flags.loadSeconds });
    const usage = await cpu.close(load.requests);
    if (load.non2xx > 0 || load.errors > 0)
      ctx.note(`${label}: ${load.non2xx} non-2xx answers, ${load.errors} socket errors`);
    return {
      ...load,
      api_util: usage.api_util,
      api_us_per_req: usage.api_us_per_op,
      machine_util: usage.machine_util,
      machine_us_per_req: usage.machine_us_per_op,
      pg_backends_us_per_req: usage.pg_backends_us_per_op,
      steal: usage.steal,
    };
  });
  ctx.log(
    `${label}: ${result.runs.map((r) => fmt(r.rps)).join(' / ')} req/s, p99 ${result.runs
      .map((r) => fmt(r.p99_ms, 1))
      .join(' / ')} ms, API ${fmt(result.median.api_us_per_req)} us/req`,
  );
  return result;
}

/** POST /create-track at concurrency 50 with no worker; the created jobs are removed after. */
export async function createBench(ctx: Context, api: OrchestratorProcess): Promise<Repeated> {
  const result = await measure(ctx, api, 'create', {
    method: 'POST',
    paths: ['/create-track'],
    body: ctx.body,
  });
  const { n } = await ctx.env.one<{ n: string }>('SELECT count(*) AS n FROM jobs');
  ctx.log(`create: ${n} jobs stored`);
  await ctx.reset();
  return result;
}

/** GET /jobs/{id} over the given ids (finished jobs with their four steps). */
export function statusBench(ctx: Context, api: OrchestratorProcess, ids: string[]) {
  if (ids.length === 0) throw new Error('status bench needs job ids');
  return measure(ctx, api, 'status', { method: 'GET', paths: ids.map((id) => `/jobs/${id}`) });
}

/**
 * Closed-loop clients of the job list: a few people paging at once. Its target is a
 * latency (first page p99 under 20 ms), which 50 saturating connections would turn into
 * queueing time; list throughput at saturation is not what a page view waits on.
 */
export const LIST_CONNECTIONS = 4;

/** GET /jobs (first page) when the route exists; undefined with a note otherwise. */
export async function listBench(
  ctx: Context,
  api: OrchestratorProcess,
): Promise<Repeated | undefined> {
  const probe = await httpCall('GET', `${api.url}/jobs`);
  if (probe.status === 404) {
    ctx.note('GET /jobs answered 404: the job list route does not exist yet; list not measured');
    return undefined;
  }
  if (probe.status !== 200) {
    ctx.note(`GET /jobs answered ${probe.status}; list not measured: ${probe.body.slice(0, 200)}`);
    return undefined;
  }
  return measure(ctx, api, 'list', { method: 'GET', paths: ['/jobs'] }, LIST_CONNECTIONS);
}

/** Ids of finished jobs to read back: up to 2000, newest first. */
export async function successIds(ctx: Context, limit = 2000): Promise<string[]> {
  const rows = await ctx.env.sql<{ id: string }>(
    `SELECT id FROM jobs WHERE status = 'SUCCESS' ORDER BY created_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}
