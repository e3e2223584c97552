import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { createKey } from './support/api-key-cli';
import { FileServer } from './support/file-server';
import { JobView, postJson, requestJson } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** `DELETE /jobs/{id}`: a finished job goes with its rows and files; nothing else does. */
describe('deleting a job', () => {
  const files = new FileServer();
  let alice: string;
  let bob: string;
  const harness = useOrchestrator({
    // No stub: the embedded services run the jobs and write their files.
    stub: false,
    helpers: [files],
    beforeStart: async () => {
      alice = await createKey(harness.env, 'alice');
      bob = await createKey(harness.env, 'bob');
    },
    env: { RECONCILE_INTERVAL_MS: '3600000' },
  });
  const { env, app } = harness;
  const as = (key: string) => ({ 'x-api-key': key });

  async function createJob(body: Record<string, unknown>): Promise<string> {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, body, as(alice));
    assert.equal(created.status, 202, JSON.stringify(created.body));
    return created.body.job_id;
  }

  async function jobOf(id: string, until?: (job: JobView) => boolean): Promise<JobView> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await requestJson<JobView>(`${app.url}/jobs/${id}`, { headers: as(alice) });
      assert.equal(res.status, 200);
      if (until === undefined || until(res.body)) return res.body;
      assert.ok(Date.now() < deadline, `job ${id}: ${JSON.stringify(res.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const finished = (job: JobView) => ['SUCCESS', 'FAILURE', 'CANCELLED'].includes(job.status);

  function deleteJob(id: string, key = alice) {
    return requestJson<{ detail: string; status?: string }>(`${app.url}/jobs/${id}`, {
      method: 'DELETE',
      headers: as(key),
    });
  }

  async function rowCounts(id: string): Promise<Record<string, number>> {
    const [row] = await env.sql<Record<string, string>>(
      `SELECT (SELECT count(*) FROM jobs WHERE id = $1) AS jobs,
              (SELECT count(*) FROM job_steps WHERE job_id = $1) AS job_steps,
              (SELECT count(*) FROM job_events WHERE job_id = $1) AS job_events,
              (SELECT count(*) FROM webhook_deliveries WHERE job_id = $1) AS webhook_deliveries`,
      [id],
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  /** The files the job's steps wrote, as their checkpoints name them. */
  async function filesOf(id: string): Promise<string[]> {
    const steps = await env.sql<{ step: string; output: Record<string, unknown> }>(
      "SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('generate_sound', 'mix_master')",
      [id],
    );
    const stems = steps.find((s) => s.step === 'generate_sound')?.output.stems ?? {};
    const master = steps.find((s) => s.step === 'mix_master')?.output.output_path;
    return [...Object.values(stems as Record<string, string>), String(master)];
  }

  it('removes a finished job with its steps, events and files; its links and the job answer 404', async () => {
    const id = await createJob({ prompt: 'lo-fi piano and drums, 90 bpm' });
    const job = await jobOf(id, finished);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const written = await filesOf(id);
    assert.equal(written.length, 3, 'two stems and the master');
    for (const file of written) assert.ok(await exists(file), file);
    const master = job.result?.final_track_url ?? '';
    assert.equal((await fetch(master)).status, 200);
    const before = await rowCounts(id);
    assert.ok(before.job_steps > 0 && before.job_events > 0, JSON.stringify(before));

    assert.equal((await deleteJob(id, bob)).status, 404, "another key's job is not found");
    assert.deepEqual(await rowCounts(id), before, 'nothing removed for another key');

    const deleted = await deleteJob(id);
    assert.equal(deleted.status, 204);
    assert.deepEqual(await rowCounts(id), {
      jobs: 0,
      job_steps: 0,
      job_events: 0,
      webhook_deliveries: 0,
    });
    for (const file of written) assert.equal(await exists(file), false, file);
    assert.equal((await fetch(master)).status, 404, 'the signed master link');
    const gone = await requestJson(`${app.url}/jobs/${id}`, { headers: as(alice) });
    assert.equal(gone.status, 404);
    const again = await deleteJob(id);
    assert.equal(again.status, 404);
    assert.equal(again.body.detail, 'Job not found');
  });

  it('refuses while the job runs (409 naming its status), and deletes it once cancelled', async () => {
    // A reference track whose server never answers: the job stays in its style analysis.
    const id = await createJob({ prompt: 'ambient pads', reference_track_url: files.hang('/ref') });
    await jobOf(id, (job) => job.steps.some((s) => s.status === 'RUNNING'));
    const before = await rowCounts(id);
    const running = await deleteJob(id);
    assert.equal(running.status, 409);
    assert.equal(running.body.status, 'PROCESSING');
    assert.match(running.body.detail, /Job is PROCESSING; only finished jobs .* can be deleted/);
    assert.deepEqual(await rowCounts(id), before, 'nothing removed');

    const cancel = await postJson(`${app.url}/jobs/${id}/cancel`, {}, as(alice));
    assert.equal(cancel.status, 202);
    assert.equal((await jobOf(id, finished)).status, 'CANCELLED');
    assert.equal((await deleteJob(id)).status, 204);
    assert.equal((await rowCounts(id)).jobs, 0);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const res = await deleteJob('not-a-uuid');
    assert.equal(res.status, 400);
    assert.equal(res.body.detail, 'job_id must be a UUID');
  });

  it('never half-deletes a job that a retry reopens at the same moment', async () => {
    const notAudio = files.serve('/notes.txt', Buffer.from('not a track'), 'text/plain');
    for (let round = 0; round < 4; round++) {
      const id = await createJob({ prompt: `race ${round}`, reference_track_url: notAudio });
      assert.equal((await jobOf(id, finished)).status, 'FAILURE');
      const before = await rowCounts(id);
      const [retry, deleted] = await Promise.all([
        postJson(`${app.url}/jobs/${id}/retry`, {}, as(alice)),
        deleteJob(id),
      ]);
      const after = await rowCounts(id);
      if (deleted.status === 204) {
        assert.equal(retry.status, 404, `round ${round}: the retry found no job`);
        assert.deepEqual(after, { jobs: 0, job_steps: 0, job_events: 0, webhook_deliveries: 0 });
      } else {
        assert.equal(deleted.status, 409, `round ${round}: ${JSON.stringify(deleted.body)}`);
        assert.equal(retry.status, 202, `round ${round}`);
        assert.equal(after.job_steps, before.job_steps, `round ${round}: every step kept`);
        assert.equal(
          (await jobOf(id, finished)).status,
          'FAILURE',
          'the retried job ran to its end',
        );
      }
    }
  });
});
