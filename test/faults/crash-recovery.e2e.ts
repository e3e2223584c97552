import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postJson, requestJson } from '../support/http-client';
import {
  countByStatus,
  createJobs,
  expectOutcome,
  useFaultSuite,
  report,
  settle,
  sleep,
  waitUntil,
} from './scenario';

/** Crashes and restarts of real processes mid-run: every job still ends SUCCESS, each step done once. */
describe('fault suite: crashes and lost state', () => {
  const { harness, env, stub, privateRedis, start } = useFaultSuite({ WORKER_CONCURRENCY: '20' });

  const succeeded = async (ids: string[]) => (await countByStatus(env, ids)).SUCCESS ?? 0;

  it('SIGKILL of one of two workers in the middle of 150 jobs, then a new worker', async () => {
    const api = await start('api', { APP_ROLE: 'api' });
    const doomed = await start('worker-1', { APP_ROLE: 'worker' });
    await start('worker-b', { APP_ROLE: 'worker' });
    stub.delayMs = { generate: 100, process: 30 };
    const ids = await createJobs(api.url, 150, 'sigkill');
    await waitUntil(async () => (await succeeded(ids)) >= 30, 30_000, '30 jobs done');
    doomed.kill('SIGKILL');
    await doomed.waitForExit(5_000);
    await sleep(100); // the kernel closes the dead worker's sockets; the stub sees them hang up
    assert.ok((await succeeded(ids)) < 150, 'the kill happened with work left');
    await start('worker-2', { APP_ROLE: 'worker' });
    expectOutcome('sigkill-worker', await settle(env, ids, stub), {
      succeeded: 150,
      crash: 'SIGKILL',
    });
    // The killed worker held jobs mid-run: another worker claimed them again and finished them.
    const [taken] = await env.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1) AND attempt > 1',
      [ids],
    );
    assert.ok(taken.n > 0, 'some jobs of the killed worker were taken over');
  });

  it('the API process killed during a burst of creates, then restarted: every job readable and done', async () => {
    const api1 = await start('api-1', { APP_ROLE: 'api' });
    await start('worker', { APP_ROLE: 'worker' });
    stub.delayMs = { generate: 50 };
    const acknowledged: string[] = [];
    let refused = 0;
    let stop = false;
    const burst = Array.from({ length: 8 }, async (_, lane) => {
      for (let i = 0; !stop; i++) {
        const res = await postJson<{ job_id: string }>(`${api1.url}/create-track`, {
          prompt: `api-restart ${lane}.${i}`,
        }).catch(() => undefined);
        if (res?.status === 202) acknowledged.push(res.body.job_id);
        else refused += 1;
        if (res === undefined) return; // the API is gone
      }
    });
    await waitUntil(() => Promise.resolve(acknowledged.length >= 40), 15_000, '40 creates');
    api1.kill('SIGKILL');
    await api1.waitForExit(5_000);
    stop = true;
    await Promise.all(burst);
    const api2 = await start('api-2', { APP_ROLE: 'api' });
    // Requests whose answer was lost with the process may still have stored a job: it must run too.
    const stored = (
      await env.sql<{ id: string }>("SELECT id FROM jobs WHERE prompt LIKE 'api-restart %'")
    ).map((r) => r.id);
    assert.ok(
      acknowledged.every((id) => stored.includes(id)),
      'every acknowledged job is stored',
    );
    for (const id of acknowledged) {
      const res = await requestJson<{ job_id: string }>(`${api2.url}/jobs/${id}`);
      assert.equal(res.status, 200, `job ${id} readable after the restart`);
    }
    const later = await createJobs(api2.url, 10, 'api-restart after');
    console.log(
      `# api-restart: ${acknowledged.length} acknowledged, ${stored.length - acknowledged.length} stored without an answer, ${refused} refused`,
    );
    expectOutcome('restart-api', await settle(env, [...stored, ...later], stub), {
      succeeded: stored.length + later.length,
    });
  });

  it('FLUSHALL on Redis mid-run: the reconciler recovers every job, and a retry keeps its backoff', async () => {
    const redis = { REDIS_URL: privateRedis.url };
    const api = await start('api', { APP_ROLE: 'api', ...redis });
    // Generation unlimited: a Retry-After here would pause the whole service's line, and
    // this scenario is about each job's own backoff (capacity-faults flushes the lines).
    await start('worker', {
      APP_ROLE: 'worker',
      WORKER_CONCURRENCY: '5',
      SOUND_GENERATION_CONCURRENCY: '0',
      ...redis,
    });
    stub.delayMs = { generate: 150 };
    const retryAfterS = 8;
    stub.fault = (call) =>
      call.service === 'generate' && call.n === 1 && call.prompt.startsWith('redis-flush-backoff')
        ? { status: 503, body: { detail: 'busy' }, headers: { 'retry-after': String(retryAfterS) } }
        : undefined;
    const backingOff = await createJobs(api.url, 5, 'redis-flush-backoff');
    const ids = [...backingOff, ...(await createJobs(api.url, 60, 'redis-flush'))];
    await waitUntil(
      () =>
        Promise.resolve(backingOff.every((id) => stub.callsFor(id, 'generate_sound').length > 0)),
      10_000,
      'the backoffs to start',
    );
    const lost = await privateRedis.flushAll();
    assert.ok(lost > 0, 'the queue had keys to lose');
    assert.ok((await succeeded(ids)) < ids.length, 'the flush happened with work left');
    expectOutcome('redis-flushall', await settle(env, ids, stub), { succeeded: ids.length });
    // The reconciler put the delayed jobs back with what was left of their Retry-After.
    for (const id of backingOff) {
      const [first, second] = stub.callsFor(id, 'generate_sound');
      assert.ok(
        second.at - first.at >= retryAfterS * 1000 - 500,
        `retry ${second.at - first.at} ms after the 503 (Retry-After: ${retryAfterS} s)`,
      );
    }
  });

  it('FLUSHALL while long steps are running: they are not run a second time at once', async () => {
    const redis = { REDIS_URL: privateRedis.url };
    const api = await start('api', { APP_ROLE: 'api', ...redis });
    await start('worker', { APP_ROLE: 'worker', WORKER_CONCURRENCY: '10', ...redis });
    stub.fault = (call) =>
      call.service === 'generate' && call.prompt.startsWith('long-step')
        ? { hangMs: 8_000 }
        : undefined;
    const ids = await createJobs(api.url, 3, 'long-step');
    await waitUntil(
      () => Promise.resolve(stub.calls.filter((c) => c.service === 'generate').length >= 3),
      10_000,
      'the long steps to start',
    );
    assert.ok((await privateRedis.flushAll()) > 0, 'the queue had keys to lose');
    expectOutcome('redis-flushall-long-steps', await settle(env, ids, stub), { succeeded: 3 });
  });

  it('PostgreSQL connections terminated mid-run, three times, while jobs are created', async () => {
    const api = await start('api', { APP_ROLE: 'api' });
    await start('worker', { APP_ROLE: 'worker' });
    stub.delayMs = { generate: 60 };
    const ids = await createJobs(api.url, 60, 'pg-terminate');
    const statuses: number[] = [];
    const creating = (async () => {
      for (let i = 0; i < 30; i++) {
        const res = await postJson<{ job_id: string }>(`${api.url}/create-track`, {
          prompt: `pg-terminate during ${i}`,
        });
        statuses.push(res.status);
        if (res.status === 202) ids.push(res.body.job_id);
        await sleep(30);
      }
    })();
    let terminated = 0;
    for (let i = 0; i < 3; i++) {
      await sleep(300);
      if (i === 0) assert.ok((await succeeded(ids)) < ids.length, 'work was left');
      const rows = await env.sql<{ killed: boolean }>(
        'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [env.name],
      );
      terminated += rows.filter((r) => r.killed).length;
    }
    await creating;
    assert.ok(terminated >= 3, `connections were terminated (${terminated})`);
    assert.ok(
      statuses.every((s) => s === 202 || s === 503),
      `creates answer 202, or 503 while the database is away: ${statuses.join(',')}`,
    );
    expectOutcome('pg-terminate', await settle(env, ids, stub), {
      succeeded: ids.length,
      crash: 'pg_terminate_backend',
    });
  });

  it('SIGTERM of a worker under load: exits 0 within the grace period, hands back long steps, nothing lost', async () => {
    const grace = 3_000;
    const api = await start('api', { APP_ROLE: 'api' });
    const worker = await start('worker-1', {
      APP_ROLE: 'worker',
      SHUTDOWN_GRACE_MS: String(grace),
    });
    stub.delayMs = { generate: 200 };
    stub.fault = (call) =>
      call.service === 'generate' && call.prompt.startsWith('sigterm-long') && call.n === 1
        ? { hangMs: 8_000 }
        : undefined;
    const long = await createJobs(api.url, 3, 'sigterm-long');
    const ids = [...long, ...(await createJobs(api.url, 60, 'sigterm'))];
    await waitUntil(async () => (await succeeded(ids)) >= 5, 20_000, '5 jobs done');
    const started = Date.now();
    worker.kill('SIGTERM');
    const code = await worker.waitForExit(grace + 10_000);
    const took = Date.now() - started;
    assert.equal(code, 0, `exit code; output:\n${worker.output}`);
    assert.ok(took < grace + 2_000, `exited in ${took} ms (grace ${grace} ms)`);
    const handedBack = await env.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM job_steps, jsonb_array_elements(attempt_log) a
        WHERE job_id = ANY($1) AND step = 'generate_sound' AND a->>'outcome' = 'interrupted'`,
      [long],
    );
    assert.equal(handedBack[0].n, 3, 'the long steps were handed back, not left running');
    await start('worker-2', { APP_ROLE: 'worker' });
    expectOutcome('sigterm-worker', await settle(env, ids, stub), { succeeded: ids.length });
    const apiStopped = Date.now();
    api.kill('SIGTERM');
    assert.equal(await api.waitForExit(5_000), 0, 'the API exits 0 on SIGTERM');
    assert.ok(Date.now() - apiStopped < 3_000, 'an idle API stops at once');
  });

  it('SIGTERM of an all-in-one process with the embedded services: no attempt is burnt, every job succeeds after a restart', async () => {
    // No service URLs: the services are mounted on the process's own server, which closes
    // on SIGTERM while the worker drains.
    const allInOne = {
      APP_ROLE: 'all',
      SHUTDOWN_GRACE_MS: '5000',
      WORKER_CONCURRENCY: '4',
    };
    const first = await harness.startProcess('all-1', allInOne, { stub: false });
    const ids = await createJobs(first.url, 12, 'sigterm-embedded', { parallel: 12 });
    await waitUntil(async () => (await succeeded(ids)) >= 1, 30_000, 'a job done');
    first.kill('SIGTERM');
    assert.equal(await first.waitForExit(15_000), 0, `exit code; output:\n${first.output}`);
    assert.ok((await succeeded(ids)) < ids.length, 'the shutdown happened with work left');
    const handedBack = await env.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1) AND status = 'PROCESSING'`,
      [ids],
    );
    await harness.startProcess('all-2', allInOne, { stub: false });
    // The embedded services are not the stub: only PostgreSQL tells what happened.
    const summary = await settle(env, ids, stub, 60_000);
    report('sigterm-all-in-one', summary);
    assert.deepEqual(
      [summary.succeeded, summary.stuck, summary.duplicateStepCompletions],
      [ids.length, 0, 0],
      'every job succeeded, none stuck, no step completed twice',
    );
    const failedAttempts = await env.sql<{ job_id: string; step: string; attempt: unknown }>(
      `SELECT job_id, step, a AS attempt FROM job_steps, jsonb_array_elements(attempt_log) a
        WHERE job_id = ANY($1) AND a->>'outcome' NOT IN ('succeeded', 'interrupted')`,
      [ids],
    );
    assert.deepEqual(failedAttempts, [], 'the shutdown cost no job an attempt');
    console.log(`# sigterm-all-in-one: ${handedBack[0].n} jobs handed back at the shutdown`);
  });
});
