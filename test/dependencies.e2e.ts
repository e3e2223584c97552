import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { TcpProxy } from './support/tcp-proxy';
import { useOrchestrator } from './support/use-orchestrator';

/** PostgreSQL or Redis unreachable: clear 503s or durable acceptance, never a hang, no job lost. */
describe('dependency faults', () => {
  const pgProxy = new TcpProxy('127.0.0.1', 5432);
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  const { env, stubs, app } = useOrchestrator({
    helpers: [pgProxy, redisProxy],
    env: () => {
      const db = new URL(env.databaseUrl);
      db.port = String(pgProxy.port);
      return {
        DATABASE_URL: db.toString(),
        REDIS_URL: `redis://127.0.0.1:${redisProxy.port}/0`,
        RECONCILE_INTERVAL_MS: '300',
      };
    },
    beforeTeardown: () => {
      pgProxy.restore();
      redisProxy.restore();
    },
  });

  it('answers 503 with a clear message while PostgreSQL is unreachable, and recovers by itself', async () => {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'before the outage',
    });
    assert.equal(created.status, 202);
    await waitForJob(app.url, created.body.job_id);

    pgProxy.cut();
    const started = Date.now();
    const during = await postJson<{ detail: string }>(`${app.url}/create-track`, {
      prompt: 'during the outage',
    });
    assert.equal(during.status, 503);
    assert.equal(during.body.detail, 'Database unavailable; try again shortly');
    assert.ok(during.headers.get('retry-after'));
    const read = await requestJson<{ detail: string }>(`${app.url}/jobs/${created.body.job_id}`);
    assert.equal(read.status, 503);
    assert.ok(Date.now() - started < 10_000, 'no hang');

    pgProxy.restore();
    const deadline = Date.now() + 15_000;
    let after = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'after the outage',
    });
    while (after.status !== 202 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
        prompt: 'after the outage',
      });
    }
    assert.equal(after.status, 202);
    const job = await waitForJob(app.url, after.body.job_id);
    assert.equal(job.status, 'SUCCESS');
  });

  it('a connection the server ends while it is checked out between queries does not end the process', async () => {
    // The pool TypeORM keeps, as the app's PreparedSql and query runners use it.
    const pool = (app.app.get(DataSource).driver as unknown as { master: Pool }).master;
    const client: PoolClient = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // Idle on the server, held by its user: pg-pool listens to a client only while it is
    // idle in the pool, so without a listener of its own this error would crash the process.
    await env.sql('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await assert.rejects(client.query('SELECT 1'), /not queryable|terminat/i);
    client.release(new Error('connection lost'));
    const after = await requestJson<unknown[]>(`${app.url}/jobs`);
    assert.equal(after.status, 200, 'the app still answers from its pool');
  });

  it('accepts jobs while Redis is unreachable and runs them once it is back', async () => {
    redisProxy.cut();
    const started = Date.now();
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'queued later',
    });
    assert.equal(created.status, 202, 'PostgreSQL holds the job; the queue catches up');
    assert.ok(Date.now() - started < 5_000, 'no hang');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const waiting = await requestJson<{ status: string }>(`${app.url}/jobs/${created.body.job_id}`);
    assert.equal(waiting.body.status, 'PENDING');

    redisProxy.restore();
    const job = await waitForJob(app.url, created.body.job_id, undefined, 30_000);
    assert.equal(job.status, 'SUCCESS');
  });

  it('answers cancel at once while Redis is unreachable, and the jobs still end CANCELLED', async () => {
    stubs.script('generate', () => ({ hangMs: 20_000 }));
    const running = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'running when Redis goes',
    });
    await waitForJob(
      app.url,
      running.body.job_id,
      (job) => job.status === 'PROCESSING' && job.current_step === 'generate_sound',
    );
    redisProxy.cut();
    const waiting = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'waiting while Redis is away',
    });
    assert.equal(waiting.status, 202);

    for (const [id, expected] of [
      [waiting.body.job_id, 'CANCELLED'], // nothing runs a PENDING job: cancelled at once
      [running.body.job_id, 'PROCESSING'], // its worker finds the flag in PostgreSQL
    ]) {
      const started = Date.now();
      const cancel = await requestJson<{ status: string }>(`${app.url}/jobs/${id}/cancel`, {
        method: 'POST',
        signal: AbortSignal.timeout(5_000), // a hang fails here rather than stalling the suite
      });
      const took = Date.now() - started;
      assert.equal(cancel.status, 202, JSON.stringify(cancel.body));
      assert.equal(cancel.body.status, expected);
      assert.ok(took < 2_500, `cancel answered in ${took} ms with Redis down`);
    }
    const stopped = await waitForJob(app.url, running.body.job_id, undefined, 5_000);
    assert.equal(stopped.status, 'CANCELLED', 'the running call was stopped without Redis');

    redisProxy.restore();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the queue catches up
    for (const id of [waiting.body.job_id, running.body.job_id]) {
      const job = await requestJson<{ status: string }>(`${app.url}/jobs/${id}`);
      assert.equal(job.body.status, 'CANCELLED');
    }
    assert.equal(stubs.callsTo('parse', waiting.body.job_id).length, 0, 'never ran');
    assert.equal(stubs.callsTo('process', running.body.job_id).length, 0, 'no later step ran');
  });
});
