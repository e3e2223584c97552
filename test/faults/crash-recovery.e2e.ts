import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import Redis from 'ioredis';
import { postJson, requestJson } from '../support/http-client';
import { REDIS_BASE_URL, TestEnv } from '../support/test-env';
import { DedupStub } from './dedup-stub';
import { OrchestratorProcess } from './orchestrator-process';
import { countByStatus, createJobs, expectOutcome, settle, sleep, waitUntil } from './scenario';

/** Crashes and restarts of real processes mid-run: every job still ends SUCCESS, each step done once. */
describe('fault suite: crashes and lost state', () => {
  const env = new TestEnv();
  const stub = new DedupStub();
  const processes: OrchestratorProcess[] = [];

  const start = async (name: string, extra: Record<string, string>) => {
    const proc = await OrchestratorProcess.start(name, {
      ...env.env(),
      ...stub.env(),
      LOCK_DURATION_MS: '2000',
      STALLED_INTERVAL_MS: '1000',
      RECONCILE_INTERVAL_MS: '500',
      WORKER_CONCURRENCY: '20',
      ...extra,
    });
    processes.push(proc);
    return proc;
  };

  before(async () => {
    await env.setUp();
    await stub.start();
  });

  beforeEach(() => stub.reset());

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  after(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await stub.stop();
    await env.tearDown();
  });

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
    expectOutcome('sigkill-worker', await settle(env, ids, stub), { succeeded: 150 });
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

  it('Redis loses the queue mid-run (every key of this queue deleted): the reconciler recovers every job', async () => {
    const api = await start('api', { APP_ROLE: 'api' });
    await start('worker', { APP_ROLE: 'worker', WORKER_CONCURRENCY: '5' });
    stub.delayMs = { generate: 150 };
    const ids = await createJobs(api.url, 60, 'redis-flush');
    await sleep(800);
    await deleteQueueKeys(env.name);
    assert.ok((await succeeded(ids)) < 60, 'the wipe happened with work left');
    expectOutcome('redis-flush', await settle(env, ids, stub), { succeeded: 60 });
  });

  it('Redis loses the queue while long steps are running: they are not run a second time at once', async () => {
    const api = await start('api', { APP_ROLE: 'api' });
    await start('worker', { APP_ROLE: 'worker', WORKER_CONCURRENCY: '10' });
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
    await deleteQueueKeys(env.name);
    expectOutcome('redis-flush-long-steps', await settle(env, ids, stub), { succeeded: 3 });
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
    expectOutcome('pg-terminate', await settle(env, ids, stub), { succeeded: ids.length });
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
});

/** FLUSHALL for this queue only: the Redis server is shared with other test runs. */
async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_BASE_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    assert.ok(keys.length > 0, 'the queue had keys to lose');
    await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
