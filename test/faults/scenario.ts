import assert from 'node:assert/strict';
import { postJson } from '../support/http-client';
import {
  ContractStub,
  PER_JOB_ANSWERS,
  perJobFinalTrackUrl,
  StubStats,
} from '../support/contract-stub';
import { describeUnfinished } from '../support/service-line';
import type { TestEnv } from '../support/test-env';
import { useOrchestrator } from '../support/use-orchestrator';
import { PrivateRedis } from './private-redis';

export interface Summary extends StubStats {
  jobs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  stuck: number;
  /** (job, step) pairs with more than one `step.succeeded` event in PostgreSQL. */
  duplicateStepCompletions: number;
  /** Succeeded jobs whose final_track_url is not the one the stub's first answer gave. */
  wrongResults: number;
}

/**
 * The stub of the fault suites: a service that honours Idempotency-Key and names the job in
 * every answer, so a replayed or misplaced result shows.
 */
export const FAULT_SUITE_STUB = { answers: PER_JOB_ANSWERS, dedup: true };

/**
 * The setup of the suites that kill and restart real processes: processes started per test
 * and killed after it, the fault stub reset before each, a private Redis for the scenarios
 * that flush it (the shared one must not be), and `start` with the suite's short lock and
 * sweep timings over `defaults`.
 */
export function useFaultSuite(defaults: Record<string, string> = {}) {
  const privateRedis = new PrivateRedis();
  const harness = useOrchestrator({
    stub: FAULT_SUITE_STUB,
    helpers: [privateRedis],
    app: false,
    resetStubEachTest: true,
    processesPerTest: true,
  });
  const start = (name: string, extra: Record<string, string>) =>
    harness.startProcess(name, {
      LOCK_DURATION_MS: '2000',
      STALLED_INTERVAL_MS: '1000',
      RECONCILE_INTERVAL_MS: '500',
      ...defaults,
      ...extra,
    });
  return { harness, env: harness.env, stub: harness.stubs, privateRedis, start };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates `count` jobs through the API, `parallel` at a time; returns their ids. */
export async function createJobs(
  apiUrl: string,
  count: number,
  prompt: string,
  options: { parallel?: number; body?: (i: number) => Record<string, unknown> } = {},
): Promise<string[]> {
  const parallel = options.parallel ?? 10;
  const ids: string[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => {
      const i = start + k;
      return postJson<{ job_id: string }>(`${apiUrl}/create-track`, {
        prompt: `${prompt} #${i}`,
        ...options.body?.(i),
      });
    });
    for (const res of await Promise.all(batch)) {
      if (res.status !== 202)
        throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
      ids.push(res.body.job_id);
    }
  }
  return ids;
}

export async function countByStatus(env: TestEnv, ids: string[]): Promise<Record<string, number>> {
  const rows = await env.sql<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM jobs WHERE id = ANY($1) GROUP BY status',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Waits for every job to be terminal (or the timeout: the rest count as stuck, and are
 * printed with where they stand), then reads the outcome from PostgreSQL and the stub.
 */
export async function settle(
  env: TestEnv,
  ids: string[],
  stub: ContractStub,
  timeoutMs = 45_000,
): Promise<Summary> {
  await waitUntil(
    async () => {
      const counts = await countByStatus(env, ids);
      return (counts.PENDING ?? 0) + (counts.PROCESSING ?? 0) === 0;
    },
    timeoutMs,
    'every job to finish',
  ).catch(() => undefined);
  const counts = await countByStatus(env, ids);
  if ((counts.PENDING ?? 0) + (counts.PROCESSING ?? 0) > 0)
    console.log(`# unfinished: ${await describeUnfinished(env, ids)}`);
  const [dup] = await env.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT job_id, data->>'step' FROM job_events
        WHERE type = 'step.succeeded' AND job_id = ANY($1)
        GROUP BY 1, 2 HAVING count(*) > 1) d`,
    [ids],
  );
  const succeeded = await env.sql<{ id: string; url: string | null }>(
    `SELECT id, result->>'final_track_url' AS url FROM jobs WHERE id = ANY($1) AND status = 'SUCCESS'`,
    [ids],
  );
  return {
    jobs: ids.length,
    succeeded: counts.SUCCESS ?? 0,
    failed: counts.FAILURE ?? 0,
    cancelled: counts.CANCELLED ?? 0,
    stuck: (counts.PENDING ?? 0) + (counts.PROCESSING ?? 0),
    duplicateStepCompletions: dup.n,
    wrongResults: succeeded.filter((r) => r.url !== perJobFinalTrackUrl(r.id)).length,
    ...stub.statsFor(ids),
  };
}

/**
 * The one line per scenario the fault suite prints. `duplicate_step_executions` counts the
 * calls of a step that had already completed at the service: answered from its
 * Idempotency-Key store (`replayed_by_key`) or done again (`executed_twice`).
 */
export function report(name: string, s: Summary): void {
  console.log(
    `[fault] ${name}: jobs=${s.jobs} succeeded=${s.succeeded} failed=${s.failed} ` +
      `cancelled=${s.cancelled} stuck=${s.stuck} ` +
      `duplicate_step_executions=${s.replays + s.duplicateExecutions} ` +
      `(replayed_by_key=${s.replays} executed_twice=${s.duplicateExecutions}) ` +
      `step_completed_twice=${s.duplicateStepCompletions} overlapping_calls=${s.overlaps} ` +
      `calls=${s.calls} aborted_calls=${s.abortedCalls}`,
  );
}

export interface Expected {
  succeeded?: number;
  failed?: number;
  cancelled?: number;
  /**
   * The fault that may make a completed step be called again (a process killed between the
   * call and its checkpoint, a lost database write). Without one, no completed step may be
   * called again at all; with one, the repeat must still be answered from the key store.
   */
  crash?: string;
}

/**
 * Prints the summary line, then checks what every scenario must hold: the expected terminal
 * states, nothing stuck, no step completed twice, no step executed twice or concurrently,
 * and, unless a crash is expected, no completed step called again.
 */
export function expectOutcome(name: string, s: Summary, expected: Expected): void {
  report(name, s);
  const { crash, ...states } = expected;
  assert.equal(s.stuck, 0, `${name}: no job is stuck`);
  assert.deepEqual(
    { succeeded: s.succeeded, failed: s.failed, cancelled: s.cancelled },
    { succeeded: 0, failed: 0, cancelled: 0, ...states },
    `${name}: terminal states`,
  );
  assert.equal(s.duplicateStepCompletions, 0, `${name}: no step completed twice`);
  assert.equal(s.wrongResults, 0, `${name}: every result is the service's first answer`);
  assert.equal(s.duplicateExecutions, 0, `${name}: no key executed twice by the service`);
  assert.equal(s.overlaps, 0, `${name}: no step called twice at the same time`);
  if (crash === undefined)
    assert.equal(s.replays, 0, `${name}: no completed step was called again`);
}
