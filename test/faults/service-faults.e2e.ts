import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashUnit } from '../support/contract-stub';
import { FileServer } from '../support/file-server';
import { JobView, postJson, requestJson, waitForJob } from '../support/http-client';
import { freePort, OrchestratorProcess } from '../support/orchestrator-process';
import { useOrchestrator } from '../support/use-orchestrator';
import { clickTrackWav } from '../support/wav-fixture';
import { createJobs, expectOutcome, FAULT_SUITE_STUB, settle } from './scenario';

/** Misbehaving services, cancel, retry and duplicate creates, against real processes. */
describe('fault suite: services, cancel, retry, idempotency', () => {
  /** Serves reference tracks, so style analysis (download, then upload) is exercised too. */
  const files = new FileServer();
  const harness = useOrchestrator({
    stub: FAULT_SUITE_STUB,
    helpers: [files],
    app: false,
    resetStubEachTest: true,
    processesPerTest: true,
  });
  const { env, stubs: stub } = harness;
  const start = (name: string, extra: Record<string, string> = {}) =>
    harness.startProcess(name, extra);

  it('services answering 503 on about 20% of calls: every job succeeds', async () => {
    const app = await start('all');
    // At most two 503s in a row per call key, so a job never exhausts its four attempts.
    stub.fault = (call) =>
      call.n <= 2 && hashUnit(`${call.n}:${call.key}`) < 0.2
        ? { status: 503, body: { detail: 'busy' } }
        : undefined;
    const reference = files.serve('/reference.wav', clickTrackWav(2));
    // Every other job has a reference track: its analyze step answers 503 like the others.
    const ids = await createJobs(app.url, 60, 'flaky', {
      body: (i) => (i % 2 === 0 ? { reference_track_url: reference } : {}),
    });
    expectOutcome('503-20pct', await settle(env, ids, stub), { succeeded: 60 });
    const faulted = stub.faultsByService();
    const analyzed = stub.calls.filter((c) => c.service === 'analyze' && c.outcome === 'executed');
    assert.equal(analyzed.length, 30, 'style analysis ran once for each job with a reference');
    for (const service of ['parse', 'analyze', 'generate', 'process'] as const)
      assert.ok(faulted[service] > 0, `${service} answered 503 at least once`);
    const [retried] = await env.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM job_steps WHERE job_id = ANY($1) AND attempts > 1',
      [ids],
    );
    assert.ok(retried.n > 0, 'some steps needed a retry');
  });

  /** Runs one job whose prompt the stub misbehaves on, and returns it once it is terminal. */
  const runOne = async (app: OrchestratorProcess, prompt: string) =>
    waitForJob(
      app.url,
      (await postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt })).body.job_id,
    );

  it('a 400 fails the job at once, with that step and the service message', async () => {
    const app = await start('all');
    stub.fault = ({ service, prompt }) =>
      prompt === 'reject' && service === 'generate'
        ? { status: 400, body: { detail: 'unsupported instrument' } }
        : undefined;
    const job = await runOne(app, 'reject');
    assert.deepEqual([job.status, job.error?.step], ['FAILURE', 'generate_sound']);
    assert.equal(job.result?.error, 'sound-generation answered 400: unsupported instrument');
    assert.equal(stub.callsFor(job.job_id, 'generate_sound').length, 1, 'a 400 is not retried');
    assert.equal(stub.callsFor(job.job_id, 'mix_master').length, 0, 'no later step ran');
    expectOutcome('service-400', await settle(env, [job.job_id], stub), { failed: 1 });
  });

  it('a service hanging past its timeout is aborted, retried, then fails the job', async () => {
    const app = await start('all', {
      SOUND_GENERATION_TIMEOUT_MS: '300',
      SOUND_GENERATION_ATTEMPTS: '2',
    });
    stub.fault = ({ service, prompt }) =>
      prompt === 'hang' && service === 'generate' ? { hangMs: 2_000 } : undefined;
    const job = await runOne(app, 'hang');
    assert.deepEqual([job.status, job.error?.step], ['FAILURE', 'generate_sound']);
    assert.match(job.error?.message ?? '', /timed out after 300 ms \(gave up after 2 attempts\)/);
    const calls = stub.callsFor(job.job_id, 'generate_sound');
    assert.deepEqual(
      calls.map((c) => c.outcome),
      ['aborted', 'aborted'],
      'each timed-out call was hung up on',
    );
    expectOutcome('service-hang', await settle(env, [job.job_id], stub), { failed: 1 });
  });

  it('malformed JSON fails the job at once, with that step', async () => {
    const app = await start('all');
    stub.fault = ({ service, prompt }) =>
      prompt === 'garbled' && service === 'process' ? { raw: '<html>oops' } : undefined;
    const job = await runOne(app, 'garbled');
    assert.deepEqual([job.status, job.error?.step], ['FAILURE', 'mix_master']);
    assert.match(job.error?.message ?? '', /malformed response: not JSON/);
    assert.equal(stub.callsFor(job.job_id, 'mix_master').length, 1, 'not retried');
    expectOutcome('service-malformed-json', await settle(env, [job.job_id], stub), { failed: 1 });
  });

  it('a refused connection is retried, then fails the job with that step', async () => {
    const closed = await freePort();
    const app = await start('all', {
      MIXING_MASTERING_URL: `http://127.0.0.1:${closed}/process`,
      MIXING_MASTERING_ATTEMPTS: '2',
    });
    const job = await runOne(app, 'refused');
    assert.deepEqual([job.status, job.error?.step], ['FAILURE', 'mix_master']);
    assert.match(job.error?.message ?? '', /connection failed: ECONNREFUSED/);
    assert.match(job.error?.message ?? '', /gave up after 2 attempts/);
    expectOutcome('service-connection-refused', await settle(env, [job.job_id], stub), {
      failed: 1,
    });
  });

  it('cancel: a waiting job never reaches a service; a running one stops within 2 s; a finished one is 409', async () => {
    const api = await start('api', { APP_ROLE: 'api' });
    const waitingId = (
      await postJson<{ job_id: string }>(`${api.url}/create-track`, { prompt: 'waiting' })
    ).body.job_id;
    const cancelled = await requestJson<{ status: string }>(`${api.url}/jobs/${waitingId}/cancel`, {
      method: 'POST',
    });
    assert.equal(cancelled.status, 202);
    assert.equal(cancelled.body.status, 'CANCELLED');

    await start('worker', { APP_ROLE: 'worker' });
    stub.fault = ({ service, prompt }) =>
      prompt === 'slow' && service === 'generate' ? { hangMs: 10_000 } : undefined;
    const runningId = (
      await postJson<{ job_id: string }>(`${api.url}/create-track`, { prompt: 'slow' })
    ).body.job_id;
    await waitForJob(
      api.url,
      runningId,
      (job) => job.current_step === 'generate_sound' && job.status === 'PROCESSING',
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the call is in flight
    const requestedAt = Date.now();
    const cancel = await requestJson(`${api.url}/jobs/${runningId}/cancel`, { method: 'POST' });
    assert.equal(cancel.status, 202);
    const stopped = await waitForJob(
      api.url,
      runningId,
      (job) => job.status === 'CANCELLED',
      2_000,
    );
    assert.ok(Date.now() - requestedAt < 2_000);
    assert.equal(stopped.result?.error, 'Job was cancelled');

    const doneId = (await createJobs(api.url, 1, 'finished'))[0];
    await waitForJob(api.url, doneId);
    const late = await requestJson<{ status: string }>(`${api.url}/jobs/${doneId}/cancel`, {
      method: 'POST',
    });
    assert.equal(late.status, 409);
    assert.equal(late.body.status, 'SUCCESS');

    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(stub.callsFor(waitingId).length, 0, 'the cancelled waiting job was never run');
    assert.equal(stub.callsFor(runningId, 'mix_master').length, 0, 'no step after the cancel ran');
    assert.equal(
      stub.callsFor(runningId, 'generate_sound')[0]?.outcome,
      'aborted',
      'the in-flight call was aborted',
    );
    expectOutcome('cancel', await settle(env, [waitingId, runningId, doneId], stub), {
      succeeded: 1,
      cancelled: 2,
    });
  });

  it('retry after a failure resumes from the failed step; retry of a success is 409', async () => {
    const app = await start('all');
    let rejecting = true;
    stub.fault = ({ service, prompt }) =>
      rejecting && prompt === 'resume me' && service === 'generate'
        ? { status: 422, body: { detail: 'model offline' } }
        : undefined;
    const id = (
      await postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt: 'resume me' })
    ).body.job_id;
    const failed = await waitForJob(app.url, id);
    assert.equal(failed.status, 'FAILURE');
    rejecting = false;
    const retry = await requestJson<{ status: string }>(`${app.url}/jobs/${id}/retry`, {
      method: 'POST',
    });
    assert.equal(retry.status, 202);
    const done: JobView = await waitForJob(
      app.url,
      id,
      (job) => job.status === 'SUCCESS' || job.status === 'FAILURE',
    );
    assert.equal(done.status, 'SUCCESS');
    assert.equal(
      stub.callsFor(id, 'parse_prompt').length,
      1,
      'the completed step was not called again',
    );
    assert.equal(stub.callsFor(id, 'generate_sound').length, 2);
    const again = await requestJson<{ status: string }>(`${app.url}/jobs/${id}/retry`, {
      method: 'POST',
    });
    assert.equal(again.status, 409);
    expectOutcome('retry-resume', await settle(env, [id], stub), { succeeded: 1 });
  });

  it('two concurrent creates with the same Idempotency-Key make one job', async () => {
    const app = await start('all');
    const headers = { 'idempotency-key': 'fault-dup-1' };
    const results = await Promise.all(
      Array.from({ length: 2 }, () =>
        postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt: 'once' }, headers),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 202]);
    assert.equal(results[0].body.job_id, results[1].body.job_id);
    const conflict = await postJson(`${app.url}/create-track`, { prompt: 'twice' }, headers);
    assert.equal(conflict.status, 422);
    const rows = await env.sql<{ id: string }>(
      "SELECT id FROM jobs WHERE idempotency_key = 'fault-dup-1'",
    );
    assert.equal(rows.length, 1);
    expectOutcome('idempotent-create', await settle(env, [rows[0].id], stub), { succeeded: 1 });
  });
});
