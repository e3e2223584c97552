import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../support/eventually';
import { postJson, requestJson, waitForJob } from '../support/http-client';
import { accepted, createTrack, createTracks, getJob } from '../support/service-line';
import { countByStatus, expectOutcome, settle, sleep, useFaultSuite } from './scenario';

/**
 * The fault suite's crashes and lost state with a capacity-limited sound generation service
 * and a line of jobs waiting for it: every job still succeeds, no completed step runs twice,
 * and the service never sees more calls at once than its limit (the stub refuses any beyond
 * it, so one refused call is one call over the limit).
 */
describe('fault suite: capacity limits and the service line', () => {
  const { env, stub, privateRedis, start } = useFaultSuite();

  const refused = () => stub.callsTo('generate').filter((c) => c.outcome === 'refused').length;

  /** Steps waiting in the sound generation line, as the operator view has them. */
  const waitingInLine = async () =>
    (
      await env.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM service_line WHERE service = 'sound-generation'`,
      )
    )[0].n;

  /** Waits until `n` steps wait in the sound generation line; the jobs' state if they do not. */
  const lineOf = async (n: number, ids: string[], also: () => boolean = () => true) => {
    try {
      await eventually(
        async () => also() && (await waitingInLine()) >= n,
        `a line of ${n}`,
        15_000,
      );
    } catch (error) {
      const jobs = await env.sql(
        'SELECT status, current_step, queued_at IS NOT NULL AS in_line, count(*)::int AS n FROM jobs WHERE id = ANY($1) GROUP BY 1, 2, 3',
        [ids],
      );
      throw new Error(
        `${String(error)}; ${await waitingInLine()} in line, generation in flight ${stub.inFlight('generate')}, jobs ${JSON.stringify(jobs)}`,
        { cause: error },
      );
    }
  };

  /** Attempts that were neither a success nor a handed-back interruption. */
  const failedAttempts = (ids: string[]) =>
    env.sql<{ job_id: string; step: string; attempt: unknown }>(
      `SELECT job_id, step, a AS attempt FROM job_steps, jsonb_array_elements(attempt_log) a
        WHERE job_id = ANY($1) AND a->>'outcome' NOT IN ('succeeded', 'interrupted')`,
      [ids],
    );

  const limitOf = (n: number) => {
    stub.capacity = { generate: n };
    return { SOUND_GENERATION_CONCURRENCY: String(n) };
  };

  it('SIGKILL of the worker holding every slot: its leases are released, every job succeeds, never over the limit', async () => {
    const limit = limitOf(2);
    stub.delayMs = { generate: 500 };
    const api = await start('api', { APP_ROLE: 'api', ...limit });
    const doomed = await start('worker-1', { APP_ROLE: 'worker', ...limit });
    const ids = await createTracks(api.url, 20, 'capacity sigkill');
    await lineOf(5, ids, () => stub.inFlight('generate') === 2);
    doomed.kill('SIGKILL');
    await doomed.waitForExit(5_000);
    const killedAt = Date.now();
    await sleep(100); // the kernel closes the dead worker's sockets; the stub sees them hang up
    assert.equal(stub.inFlight('generate'), 0, 'the killed calls were hung up');
    await start('worker-2', { APP_ROLE: 'worker', ...limit });
    // The dead worker's leases expire: new calls start although it never released them.
    await eventually(
      () => stub.callsTo('generate').some((c) => c.at > killedAt && c.outcome !== 'refused'),
      'a generation call after the kill',
      15_000,
    );
    expectOutcome('capacity-sigkill', await settle(env, ids, stub, 45_000), {
      succeeded: 20,
      crash: 'SIGKILL',
    });
    assert.equal(refused(), 0, 'no call over the limit');
    assert.ok((stub.peakInFlight.generate ?? 0) <= 2);
  });

  it('FLUSHALL while jobs wait in line: every job succeeds, no completed step runs twice, the limit holds', async () => {
    const limit = limitOf(2);
    const redis = { REDIS_URL: privateRedis.url, ...limit };
    stub.delayMs = { generate: 600 };
    const api = await start('api', { APP_ROLE: 'api', ...redis });
    await Promise.all([
      start('worker-1', { APP_ROLE: 'worker', ...redis }),
      start('worker-2', { APP_ROLE: 'worker', ...redis }),
    ]);
    const ids = await createTracks(api.url, 24, 'capacity flush');
    await lineOf(10, ids, () => stub.inFlight('generate') === 2);
    assert.ok((await privateRedis.flushAll()) > 0, 'Redis had keys to lose');
    expectOutcome('capacity-redis-flushall', await settle(env, ids, stub, 60_000), {
      succeeded: ids.length,
    });
    assert.equal(refused(), 0, 'the flushed leases were rebuilt before new calls started');
    assert.equal(accepted(stub.callsTo('generate')).length, ids.length, 'one call per job');
  });

  it('PostgreSQL backends terminated while jobs wait in line: every job succeeds, the limit holds', async () => {
    const limit = limitOf(2);
    stub.delayMs = { generate: 300 };
    const api = await start('api', { APP_ROLE: 'api', ...limit });
    await Promise.all([
      start('worker-1', { APP_ROLE: 'worker', ...limit }),
      start('worker-2', { APP_ROLE: 'worker', ...limit }),
    ]);
    const ids = await createTracks(api.url, 30, 'capacity pg-terminate');
    await lineOf(10, ids);
    let terminated = 0;
    for (let i = 0; i < 3; i++) {
      const rows = await env.sql<{ killed: boolean }>(
        'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [env.name],
      );
      terminated += rows.filter((r) => r.killed).length;
      await sleep(400);
    }
    assert.ok(terminated >= 3, `connections were terminated (${terminated})`);
    expectOutcome('capacity-pg-terminate', await settle(env, ids, stub, 60_000), {
      succeeded: ids.length,
      crash: 'pg_terminate_backend',
    });
    assert.equal(refused(), 0, 'no call over the limit');
  });

  it('SIGTERM of a worker with jobs waiting in line: exits 0, nothing lost, no attempt spent', async () => {
    const limit = limitOf(1);
    stub.delayMs = { generate: 400 };
    const grace = 3_000;
    const api = await start('api', { APP_ROLE: 'api', ...limit });
    const leaving = await start('worker-1', {
      APP_ROLE: 'worker',
      SHUTDOWN_GRACE_MS: String(grace),
      ...limit,
    });
    await start('worker-2', { APP_ROLE: 'worker', ...limit });
    const ids = await createTracks(api.url, 12, 'capacity sigterm');
    await lineOf(6, ids);
    leaving.kill('SIGTERM');
    assert.equal(await leaving.waitForExit(grace + 10_000), 0, `exit code:\n${leaving.output}`);
    assert.ok(
      ((await countByStatus(env, ids)).SUCCESS ?? 0) < ids.length,
      'the shutdown came with jobs left',
    );
    expectOutcome('capacity-sigterm', await settle(env, ids, stub, 45_000), {
      succeeded: ids.length,
    });
    assert.deepEqual(await failedAttempts(ids), [], 'waiting and the shutdown cost no attempt');
    assert.equal(refused(), 0, 'no call over the limit');
  });

  it('retry of a failed job that then waits in line: it shows its place, then resumes from the failed step', async () => {
    const limit = limitOf(1);
    stub.delayMs = { generate: 100 };
    let rejecting = true;
    const held = new Set<string>();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    stub.fault = ({ service, prompt }) => {
      if (service !== 'generate') return undefined;
      if (rejecting && prompt === 'capacity retry')
        return { status: 422, body: { detail: 'model offline' } };
      return held.has(prompt) ? { until: gate } : undefined;
    };
    const api = await start('api', { APP_ROLE: 'api', ...limit });
    await start('worker', { APP_ROLE: 'worker', ...limit });
    const id = await createTrack(api.url, { prompt: 'capacity retry' });
    assert.equal((await waitForJob(api.url, id)).status, 'FAILURE');
    rejecting = false;

    held.add('capacity retry blocker');
    const blocker = await createTrack(api.url, { prompt: 'capacity retry blocker' });
    await eventually(() => stub.inFlight('generate') === 1, 'the blocker to hold the slot');
    const retry = await requestJson(`${api.url}/jobs/${id}/retry`, { method: 'POST' });
    assert.equal(retry.status, 202);
    await waitForJob(api.url, id, (job) => (job as { queue?: unknown }).queue != null, 10_000);
    const waiting = await getJob(api.url, id);
    assert.deepEqual(
      [waiting.status, waiting.queue?.step, waiting.queue?.position, waiting.result?.step],
      ['PROCESSING', 'generate_sound', 1, 'Generating Sound'],
      'the retried job waits first in line',
    );
    const other = await postJson<{ job_id: string }>(`${api.url}/create-track`, {
      prompt: 'capacity retry behind',
    });
    open();
    const done = await waitForJob(
      api.url,
      id,
      (j) => j.status === 'SUCCESS' || j.status === 'FAILURE',
    );
    assert.equal(done.status, 'SUCCESS');
    assert.equal(
      stub.callsFor(id, 'parse_prompt').length,
      1,
      'the completed step was not called again',
    );
    assert.equal(stub.callsFor(id, 'generate_sound').length, 2, 'the failed call and the retry');
    expectOutcome('capacity-retry', await settle(env, [id, blocker, other.body.job_id], stub), {
      succeeded: 3,
    });
    assert.equal(refused(), 0, 'no call over the limit');
  });
});
