import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { generateApiKey, hashApiKey } from '../src/auth/api-key-hash';
import { Reconciler } from '../src/pipeline/reconciler.service';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { startApp } from './support/test-env';
import { useOrchestrator } from './support/use-orchestrator';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'src', 'auth', 'create-api-key.cli.js');

interface ArtifactsBody {
  artifacts: { kind: string; url: string; size_bytes: number | null }[];
}

/** What users of the original services rely on: replays, shared-volume paths, job ownership. */
describe('job lifecycle: replays, shared-volume paths and the loopback owner', () => {
  const harness = useOrchestrator({
    env: { RATE_LIMIT_CREATE_PER_MINUTE: '1' },
    resetStubEachTest: true,
  });
  const { env, stubs, app } = harness;

  it('answers a repeated create with its job before the rate limit and the address checks', async () => {
    const body = { prompt: 'replay me', reference_track_url: `${stubs.baseUrl}/ref.wav` };
    const headers = { 'idempotency-key': `key-${randomUUID()}` };
    const first = await postJson<{ job_id: string }>(`${app.url}/create-track`, body, headers);
    assert.equal(first.status, 202, JSON.stringify(first.body));
    // The limit (1 a minute) is used up now: a new create is refused...
    const other = await postJson(`${app.url}/create-track`, { prompt: 'another' });
    assert.equal(other.status, 429);
    // ...but the same request again is a question about the first one.
    const again = await postJson<{ job_id: string }>(`${app.url}/create-track`, body, headers);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.job_id, first.body.job_id);

    // A process that would now refuse the reference host still answers the replay.
    const strict = await startApp(env, {
      ...stubs.env(),
      APP_ROLE: 'api',
      OUTBOUND_URL_ALLOWLIST: '',
    });
    try {
      const refused = await postJson(`${strict.url}/create-track`, body);
      assert.equal(refused.status, 400, 'a new job to that host is refused');
      const replay = await postJson<{ job_id: string }>(
        `${strict.url}/create-track`,
        body,
        headers,
      );
      assert.equal(replay.status, 200, JSON.stringify(replay.body));
      assert.equal(replay.body.job_id, first.body.job_id);
    } finally {
      await strict.close();
    }
  });

  it('keeps the path a mixing service on a shared volume returns as the final track, and lists the files without a size', async () => {
    stubs.script('process', () => ({
      body: { output_path: '/output/job_x_master.wav', message: 'Mixing and mastering complete.' },
    }));
    // A fresh process: the create limit of the one above is used up.
    const mixer = await startApp(env, { ...stubs.env() });
    try {
      const created = await postJson<{ job_id: string }>(`${mixer.url}/create-track`, {
        prompt: 'shared volume',
      });
      assert.equal(created.status, 202);
      const job = await waitForJob(mixer.url, created.body.job_id);
      assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
      assert.deepEqual(job.result, { final_track_url: '/output/job_x_master.wav' });
      const listed = await requestJson<ArtifactsBody>(
        `${mixer.url}/jobs/${created.body.job_id}/artifacts`,
      );
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.artifacts.map((a) => [a.kind, a.url, a.size_bytes]).sort(), [
        ['final', '/output/job_x_master.wav', null],
        ['stem', '/stems/d.wav', null],
        ['stem', '/stems/p.wav', null],
      ]);
    } finally {
      await mixer.close();
    }
  });

  it('reserves the loopback owner: no key may be named after it', async () => {
    await assert.rejects(
      run(process.execPath, [CLI, '--name', 'anonymous'], {
        env: { ...process.env, ...env.env() },
      }),
      (error: { stderr: string; code: number }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /"anonymous" is reserved/);
        return true;
      },
    );
    // A key of that name stored before names were checked never authenticates.
    const planted = generateApiKey();
    await env.sql(
      `INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin) VALUES ($1, 'anonymous', $2, $3, false)`,
      [randomUUID(), hashApiKey(planted), planted.slice(0, 12)],
    );
    const { stdout } = await run(process.execPath, [CLI, '--name', 'carol'], {
      env: { ...process.env, ...env.env() },
    });
    const carol = stdout.trim().split('\n').at(-1) ?? '';
    const keyed = await startApp(env, { ...stubs.env(), APP_ROLE: 'api' });
    try {
      const refused = await requestJson(`${keyed.url}/jobs`, { headers: { 'x-api-key': planted } });
      assert.equal(refused.status, 401);
      const served = await requestJson(`${keyed.url}/jobs`, { headers: { 'x-api-key': carol } });
      assert.equal(served.status, 200);
    } finally {
      await keyed.close();
    }
  });
});

describe('reconciler with a backlog', () => {
  // The parser holds the one job the worker takes, so the queue keeps what the sweep puts
  // back; the sweep runs when the test says so.
  const backlog = useOrchestrator({
    beforeStart: () => Promise.resolve(backlog.stubs.script('parse', () => ({ hangMs: 60_000 }))),
    // The held call would keep the app's close() waiting for the call's timeout.
    beforeTeardown: () => void backlog.stubs.stop(),
    env: {
      APP_ROLE: 'worker',
      WORKER_CONCURRENCY: '1',
      RECONCILE_INTERVAL_MS: '3600000',
      SHUTDOWN_GRACE_MS: '0',
    },
  });
  const { env, app } = backlog;

  it('puts back a job Redis lost however many older unfinished jobs come before it', async () => {
    await env.sql(
      `INSERT INTO jobs (id, prompt, owner, status, deadline_at, created_at)
       SELECT gen_random_uuid(), 'old ' || n, 'anonymous', 'PENDING', now() + interval '1 hour',
              now() - interval '1 hour' + n * interval '1 ms'
         FROM generate_series(1, 1500) AS n`,
    );
    const [youngest] = await env.sql<{ id: string }>(
      `SELECT id FROM jobs ORDER BY created_at DESC LIMIT 1`,
    );
    const report = await app.app.get(Reconciler).sweep();
    assert.ok(report, 'the sweep ran');
    assert.equal(report.requeued.length, 1500);
    assert.ok(report.requeued.includes(youngest.id), 'the youngest job is queued again');
  });
});
