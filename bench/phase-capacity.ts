import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { BenchEnv } from './bench-env';
import { onCleanup } from './cleanup';
import { Context, DRAIN_MS } from './context';
import { httpCall } from './http-client';
import { fmt } from './stats';
import { ContractStub, StubCall } from '../test/support/contract-stub';
import type { OrchestratorProcess } from '../test/support/orchestrator-process';

const run = promisify(execFile);

/**
 * Capacity-aware dispatch (issue 12's scenario): a sound generation service that takes
 * `CAPACITY` calls at once, `CALL_MS` each, and answers 503 with `Retry-After: 1` beyond
 * them; one API and two worker processes at the default WORKER_CONCURRENCY. Owner A creates
 * all jobs but one, then owner B creates one. Each run has a database and queue prefix of
 * its own (API keys make the rest of the bench need keys), and its own processes, so a
 * learnt limit does not carry over.
 */
export const CAPACITY = 2;
export const CALL_MS = 1_000;

export type CapacityMode = 'limit' | 'adaptive' | 'unlimited';

/** The generation service's setting of each mode (undefined: unset). */
const MODE_SETTING: Record<CapacityMode, string | undefined> = {
  limit: String(CAPACITY),
  adaptive: undefined,
  unlimited: '0',
};

/** The targets for makespan / ideal. */
const TARGET: Record<CapacityMode, number | undefined> = {
  limit: 1.25,
  adaptive: 1.5,
  unlimited: undefined,
};

export interface CapacityRun {
  [figure: string]: number | string;
  mode: CapacityMode;
  jobs: number;
  succeeded: number;
  /** First create to last finish, seconds (PostgreSQL's timestamps). */
  makespan_s: number;
  /** jobs x CALL_MS / CAPACITY. */
  ideal_s: number;
  ratio: number;
  /** Busy slot-seconds of sound generation / CAPACITY x makespan. */
  utilisation: number;
  /** Calls sound generation refused (503) as over its capacity. */
  rejected_calls: number;
  /** Owner B's create to the start of its generation call, seconds. */
  second_owner_wait_s: number;
  /** Owner A's generation calls that started between B's create and B's call. */
  second_owner_turns: number;
}

export interface CapacityResult {
  capacity: number;
  call_ms: number;
  runs: CapacityRun[];
}

/** A key for `name` by the orchestrator's own CLI (it migrates the database first). */
async function createKey(ctx: Context, env: BenchEnv, name: string): Promise<string> {
  const cli = join(dirname(ctx.flags.app), 'auth', 'create-api-key.cli.js');
  const { stdout } = await run(process.execPath, [cli, '--name', name], {
    env: { ...process.env, DATABASE_URL: env.databaseUrl, LOG_LEVEL: 'warn' },
  });
  const lines = stdout.trim().split('\n');
  return lines[lines.length - 1];
}

async function create(api: OrchestratorProcess, key: string, prompt: string): Promise<string> {
  const answer = await httpCall('POST', `${api.url}/create-track`, JSON.stringify({ prompt }), {
    'x-api-key': key,
  });
  if (answer.status !== 202)
    throw new Error(`POST /create-track answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return (JSON.parse(answer.body) as { job_id: string }).job_id;
}

/** Creates `n` jobs with `concurrency` clients. */
async function createMany(api: OrchestratorProcess, key: string, n: number, concurrency = 8) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await create(api, key, `capacity bench #${next++}`);
    }),
  );
}

async function runOnce(
  ctx: Context,
  stub: ContractStub,
  mode: CapacityMode,
  jobs: number,
): Promise<CapacityRun> {
  stub.reset();
  stub.capacity = { generate: CAPACITY };
  stub.delayMs = { generate: CALL_MS };
  const env = new BenchEnv();
  await env.setUp();
  const [keyA, keyB] = [await createKey(ctx, env, 'owner-a'), await createKey(ctx, env, 'owner-b')];
  const setting = MODE_SETTING[mode];
  const extra: Record<string, string> = {
    DATABASE_URL: env.databaseUrl,
    QUEUE_PREFIX: env.queuePrefix,
    // The retry backoff as an operator runs it (the other phases retry at once): a refused
    // call waits out its backoff or Retry-After, whichever is longer.
    STEP_RETRY_DELAY_MS: '',
    ...(setting === undefined ? {} : { SOUND_GENERATION_CONCURRENCY: setting }),
  };
  const started: OrchestratorProcess[] = [];
  const start = async (role: 'api' | 'worker', name: string) => {
    const proc = await ctx.start(role, { name, env: extra });
    started.push(proc);
    return proc;
  };
  try {
    const api = await start('api', `capacity-api`);
    await Promise.all([start('worker', 'capacity-worker-1'), start('worker', 'capacity-worker-2')]);
    await createMany(api, keyA, jobs - 1);
    const bCreated = Date.now();
    const bId = await create(api, keyB, 'capacity bench, owner B');
    // Without a line, refused calls wait out the step's backoff (a minute, doubling): the
    // issue measured 155 s for 30 jobs and 383 s for 100.
    const giveUpMs = Math.max(mode === 'unlimited' ? 600_000 : 180_000, jobs * 10 * CALL_MS);
    const finished = await env.waitFinished(jobs, giveUpMs).then(
      () => true,
      (error: unknown) => {
        ctx.note(`capacity ${mode} ${jobs}: ${String(error)}`);
        return false;
      },
    );

    const t = await env.one<{ first: string; last: string; success: string }>(
      `SELECT extract(epoch FROM min(created_at)) * 1000 AS first,
              extract(epoch FROM max(finished_at)) * 1000 AS last,
              count(*) FILTER (WHERE status = 'SUCCESS') AS success FROM jobs`,
    );
    const makespan = finished ? (Number(t.last) - Number(t.first)) / 1000 : NaN;
    const generation = stub.callsTo('generate');
    const served = generation.filter((c) => c.outcome !== 'refused');
    const busy = served.reduce((sum, c: StubCall) => sum + ((c.endedAt ?? c.at) - c.at), 0) / 1000;
    const bStart = stub.callsFor(bId, 'generate_sound').find((c) => c.outcome !== 'refused')?.at;
    const ideal = (jobs * CALL_MS) / 1000 / CAPACITY;
    const result: CapacityRun = {
      mode,
      jobs,
      succeeded: Number(t.success),
      makespan_s: makespan,
      ideal_s: ideal,
      ratio: makespan / ideal,
      utilisation: busy / (CAPACITY * makespan),
      rejected_calls: generation.length - served.length,
      second_owner_wait_s: bStart === undefined ? NaN : (bStart - bCreated) / 1000,
      second_owner_turns:
        bStart === undefined
          ? NaN
          : served.filter((c) => c.jobId !== bId && c.at >= bCreated && c.at < bStart).length,
    };
    if (result.succeeded !== jobs)
      ctx.note(`capacity ${mode} ${jobs}: ${result.succeeded} succeeded`);
    ctx.log(
      `capacity ${mode}, ${jobs} jobs: ${fmt(makespan, 1)} s (${fmt(result.ratio, 2)}x ideal), ` +
        `utilisation ${fmt(result.utilisation * 100)}%, ${result.rejected_calls} rejected, ` +
        `owner B waited ${fmt(result.second_owner_wait_s, 1)} s (${result.second_owner_turns} of A's calls first)`,
    );
    return result;
  } finally {
    await Promise.all(started.map((p) => p.stop(DRAIN_MS)));
  }
}

/** Every (mode, jobs) pair of the flags, in order. */
export async function capacityPhase(ctx: Context): Promise<CapacityResult> {
  const stub = new ContractStub();
  await stub.start();
  onCleanup('capacity stub', () => stub.stop());
  const runs: CapacityRun[] = [];
  const previous = ctx.stubEnv;
  ctx.stubEnv = stub.env();
  try {
    for (const jobs of ctx.flags.capacityJobs)
      for (const mode of ctx.flags.capacityModes) runs.push(await runOnce(ctx, stub, mode, jobs));
  } finally {
    ctx.stubEnv = previous;
    await stub.stop();
  }
  return { capacity: CAPACITY, call_ms: CALL_MS, runs };
}

/** The phase's table. */
export function capacityTable(result: CapacityResult): string {
  const header = [
    'mode',
    'jobs',
    'succeeded',
    'finished in',
    'ideal',
    'ratio',
    'target',
    'slot utilisation',
    'rejected calls',
    "owner B's wait",
  ];
  const rows = result.runs.map((r) => {
    const target = TARGET[r.mode];
    return [
      r.mode === 'limit' ? `limit ${result.capacity}` : r.mode,
      String(r.jobs),
      String(r.succeeded),
      `${fmt(r.makespan_s, 1)} s`,
      `${fmt(r.ideal_s, 0)} s`,
      `${fmt(r.ratio, 2)}x`,
      target === undefined ? '' : `<= ${target}x`,
      `${fmt(r.utilisation * 100, 0)}%`,
      String(r.rejected_calls),
      `${fmt(r.second_owner_wait_s, 1)} s (${r.second_owner_turns} ${r.second_owner_turns === 1 ? 'turn' : 'turns'})`,
    ];
  });
  return [
    `Capacity: sound generation takes ${result.capacity} calls at once, ${result.call_ms} ms each, 503 + Retry-After: 1 beyond; 1 API + 2 workers`,
    '',
    ...[header, header.map(() => '---'), ...rows].map((cols) => `| ${cols.join(' | ')} |`),
  ].join('\n');
}
