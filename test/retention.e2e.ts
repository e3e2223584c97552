import assert from 'node:assert/strict';
import { access, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Client } from 'pg';
import { AdvisoryLock } from '../src/database/advisory-locks';
import { RetentionService } from '../src/retention/retention.service';
import { FileServer } from './support/file-server';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

interface JobFiles {
  id: string;
  files: string[];
}

describe('retention of finished jobs', () => {
  const files = new FileServer();
  // No stub: the embedded services run the jobs and write their files.
  const { env, app } = useOrchestrator({
    stub: false,
    helpers: [files],
    env: {
      RETENTION_DAYS: '30',
      // Webhook deliveries are among the rows retention removes; they need a signing key.
      WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      // The test sweeps by itself; nothing else may move its jobs meanwhile.
      RETENTION_INTERVAL_MS: '3600000',
      RECONCILE_INTERVAL_MS: '3600000',
    },
  });
  let retention: RetentionService;

  before(() => {
    retention = app.app.get(RetentionService);
  });

  /** A job run to its end through the embedded services, with the files it wrote. */
  async function finishedJob(body: Record<string, unknown>, status: string): Promise<JobFiles> {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, body);
    assert.equal(created.status, 202, JSON.stringify(created.body));
    const job = await waitForJob(app.url, created.body.job_id, undefined, 30_000);
    assert.equal(job.status, status, JSON.stringify(job.error));
    const steps = await env.sql<{ step: string; output: Record<string, unknown> }>(
      "SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('generate_sound', 'mix_master')",
      [job.job_id],
    );
    const stems = steps.find((s) => s.step === 'generate_sound')?.output.stems ?? {};
    const master = steps.find((s) => s.step === 'mix_master')?.output.output_path;
    const written = [...Object.values(stems as Record<string, string>)];
    if (typeof master === 'string') written.push(master);
    for (const file of written) assert.ok(await exists(file), file);
    return { id: job.job_id, files: written };
  }

  async function age(ids: string[], finishedDaysAgo: number): Promise<void> {
    await env.sql(
      `UPDATE jobs SET created_at = now() - make_interval(days => $2 + 1),
                       started_at = now() - make_interval(days => $2 + 1),
                       finished_at = now() - make_interval(days => $2)
        WHERE id = ANY($1::uuid[])`,
      [ids, finishedDaysAgo],
    );
  }

  async function rowCounts(ids: string[]): Promise<Record<string, number>> {
    const [row] = await env.sql<Record<string, string>>(
      `SELECT (SELECT count(*) FROM jobs WHERE id = ANY($1::uuid[])) AS jobs,
              (SELECT count(*) FROM job_steps WHERE job_id = ANY($1::uuid[])) AS job_steps,
              (SELECT count(*) FROM job_events WHERE job_id = ANY($1::uuid[])) AS job_events,
              (SELECT count(*) FROM webhook_deliveries WHERE job_id = ANY($1::uuid[])) AS webhook_deliveries`,
      [ids],
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  it('deletes jobs finished before RETENTION_DAYS with their rows and files, and keeps the rest', async () => {
    const hook = files.serve('/hook', Buffer.from('ok'), 'text/plain');
    const notAudio = files.serve('/notes.txt', Buffer.from('not a track'), 'text/plain');
    const oldSuccess = await finishedJob(
      { prompt: 'old lo-fi piano and drums', webhook_url: hook },
      'SUCCESS',
    );
    const oldFailure = await finishedJob(
      { prompt: 'old failure', reference_track_url: notAudio },
      'FAILURE',
    );
    const recentSuccess = await finishedJob({ prompt: 'recent techno, bass and drums' }, 'SUCCESS');
    const borderline = await finishedJob({ prompt: 'ambient synth pads' }, 'SUCCESS');
    // A job that started long ago and has not finished: never retention's to touch.
    const [unfinished] = await env.sql<{ id: string }>(
      `INSERT INTO jobs (id, status, prompt, created_at, started_at, deadline_at)
       VALUES (gen_random_uuid(), 'PROCESSING', 'still running', now() - interval '90 days',
               now() - interval '90 days', now() + interval '1 day')
       RETURNING id`,
    );
    await env.sql(
      `INSERT INTO job_events (job_id, type, data) VALUES ($1, 'job.status', '{"status":"PROCESSING"}')`,
      [unfinished.id],
    );
    // Its webhook deliveries exist before the sweep, so their removal is what is tested.
    const deadline = Date.now() + 10_000;
    while ((await rowCounts([oldSuccess.id])).webhook_deliveries === 0) {
      assert.ok(Date.now() < deadline, 'no webhook delivery was recorded');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const removed = [oldSuccess.id, oldFailure.id];
    const kept = [recentSuccess.id, borderline.id, unfinished.id];
    await age(removed, 31);
    await age([borderline.id], 29);
    const before = await rowCounts(removed);
    assert.ok(before.job_steps > 0 && before.job_events > 0 && before.webhook_deliveries > 0);
    const keptBefore = await rowCounts(kept);

    const report = await retention.sweep();
    assert.deepEqual(report, { jobs: 2, files: oldSuccess.files.length });

    assert.deepEqual(await rowCounts(removed), {
      jobs: 0,
      job_steps: 0,
      job_events: 0,
      webhook_deliveries: 0,
    });
    for (const file of oldSuccess.files) assert.equal(await exists(file), false, file);
    assert.deepEqual(await rowCounts(kept), keptBefore);
    for (const file of [...recentSuccess.files, ...borderline.files]) {
      assert.ok(await exists(file), file);
    }
    const gone = await requestJson(`${app.url}/jobs/${oldSuccess.id}`);
    assert.equal(gone.status, 404);
    const list = await requestJson<{ artifacts: unknown[] }>(
      `${app.url}/jobs/${recentSuccess.id}/artifacts`,
    );
    assert.equal(list.body.artifacts.length, recentSuccess.files.length);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    assert.match(metrics, /^orchestrator_retention_deleted_total\{kind="job"\} 2$/m);
    assert.match(
      metrics,
      new RegExp(
        `^orchestrator_retention_deleted_total\\{kind="file"\\} ${oldSuccess.files.length}$`,
        'm',
      ),
    );
    assert.deepEqual(await retention.sweep(), { jobs: 0, files: 0 }, 'nothing left to remove');
  });

  it('works through many expired jobs in batches', async () => {
    const ids = await env.sql<{ id: string }>(
      `INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
       SELECT gen_random_uuid(), (ARRAY['SUCCESS', 'FAILURE', 'CANCELLED']::job_status[])[1 + n % 3],
              'bulk ' || n, now() - interval '60 days', now() - interval '59 days',
              now() - interval '59 days'
         FROM generate_series(1, 250) AS n
       RETURNING id`,
    );
    await env.sql(
      `INSERT INTO job_events (job_id, type, data)
       SELECT id, 'job.status', '{}'::jsonb FROM jobs WHERE prompt LIKE 'bulk %'`,
    );
    const report = await retention.sweep();
    assert.deepEqual(report, { jobs: 250, files: 0 });
    assert.deepEqual(await rowCounts(ids.map((r) => r.id)), {
      jobs: 0,
      job_steps: 0,
      job_events: 0,
      webhook_deliveries: 0,
    });
  });

  it('passes over whole batches of jobs whose files cannot be deleted, and keeps them until they can', async () => {
    // unlink() of a directory fails, even for root: an artifact retention cannot remove.
    const undeletable = join(env.artifactsDir, 'output', 'stuck_master.wav');
    await mkdir(undeletable, { recursive: true });
    // More stuck jobs than one batch holds, all older than the jobs that can go.
    const stuck = await env.sql<{ id: string }>(
      `WITH j AS (
         INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
         SELECT gen_random_uuid(), 'SUCCESS', 'stuck ' || n,
                now() - interval '80 days' + n * interval '1 second',
                now() - interval '79 days', now() - interval '79 days'
           FROM generate_series(1, 130) AS n
         RETURNING id),
       s AS (
         INSERT INTO job_steps (job_id, step, status, output)
         SELECT id, 'mix_master', 'SUCCEEDED',
                jsonb_build_object('output_path', $1::text, 'message', 'Mixing and mastering complete.')
           FROM j)
       SELECT id FROM j`,
      [undeletable],
    );
    const later = await env.sql<{ id: string }>(
      `INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
       SELECT gen_random_uuid(), 'FAILURE', 'later ' || n, now() - interval '50 days',
              now() - interval '49 days', now() - interval '49 days'
         FROM generate_series(1, 5) AS n
       RETURNING id`,
    );
    const stuckIds = stuck.map((r) => r.id);

    assert.deepEqual(await retention.sweep(), { jobs: 5, files: 0 });
    assert.equal((await rowCounts(later.map((r) => r.id))).jobs, 0);
    assert.deepEqual(
      await rowCounts(stuckIds),
      { jobs: 130, job_steps: 130, job_events: 0, webhook_deliveries: 0 },
      'a job whose file remains keeps its row',
    );

    await rm(undeletable, { recursive: true });
    assert.deepEqual(await retention.sweep(), { jobs: 130, files: 0 }, 'the next sweep takes them');
    assert.equal((await rowCounts(stuckIds)).jobs, 0);
  });

  it('leaves the sweep to the process holding the lock', async () => {
    const [job] = await env.sql<{ id: string }>(
      `INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
       VALUES (gen_random_uuid(), 'SUCCESS', 'locked out', now() - interval '40 days',
               now() - interval '40 days', now() - interval '40 days')
       RETURNING id`,
    );
    const other = new Client({ connectionString: env.databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [AdvisoryLock.RetentionSweep]);
      assert.equal(await retention.sweep(), undefined, 'another process is sweeping');
      assert.equal((await rowCounts([job.id])).jobs, 1);
    } finally {
      await other.end();
    }
    assert.deepEqual(await retention.sweep(), { jobs: 1, files: 0 });
  });
});
