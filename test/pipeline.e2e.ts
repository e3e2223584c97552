import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Redis from 'ioredis';
import { Metrics } from '../src/observability/metrics';
import { FileServer } from './support/file-server';
import { JobView, postJson, requestJson, waitForJob } from './support/http-client';
import { REDIS_BASE_URL } from './support/test-env';
import { useOrchestrator } from './support/use-orchestrator';
import { clickTrackWav } from './support/wav-fixture';

/** The pipeline against scripted stub services: retries, failures, reference tracks, stored state. */
describe('pipeline against stub services', () => {
  const files = new FileServer();
  const { env, stubs, app } = useOrchestrator({
    helpers: [files],
    // Each call on its own, as with no limit configured: this file is about one call's
    // answers and retries (test/capacity-dispatch.e2e.ts covers the service lines).
    env: {
      PROMPT_PARSER_TIMEOUT_MS: '500',
      REFERENCE_TRACK_MAX_BYTES: '100000',
      PROMPT_PARSER_CONCURRENCY: '0',
      STYLE_ANALYSIS_CONCURRENCY: '0',
      SOUND_GENERATION_CONCURRENCY: '0',
      MIXING_MASTERING_CONCURRENCY: '0',
    },
    resetStubEachTest: true,
  });

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, body);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.job_id;
  }

  it('runs parse, generate and mix in order with Idempotency-Key per step, and stores the result', async () => {
    const jobId = await create({ prompt: 'a chill lo-fi beat, 100 bpm' });
    const job = await waitForJob(app.url, jobId);
    assert.equal(job.status, 'SUCCESS');
    assert.deepEqual(job.result, { final_track_url: 'https://cdn.example.com/output/master.wav' });
    assert.deepEqual(
      stubs.calls.map((c) => [c.service, c.key]),
      [
        ['parse', `${jobId}:parse_prompt`],
        ['generate', `${jobId}:generate_sound`],
        ['process', `${jobId}:mix_master`],
      ],
    );
    assert.deepEqual(JSON.parse(stubs.callsTo('generate')[0].body), {
      prompt_spec: {
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi hip hop',
        instruments: ['piano', 'drums'],
        mood: 'chill',
      },
    });
    assert.deepEqual(JSON.parse(stubs.callsTo('process')[0].body), {
      stem_paths: ['/stems/p.wav', '/stems/d.wav'],
    });
    assert.deepEqual(
      job.steps.map((s) => [s.name, s.status, s.attempts]),
      [
        ['parse_prompt', 'SUCCEEDED', 1],
        ['generate_sound', 'SUCCEEDED', 1],
        ['mix_master', 'SUCCEEDED', 1],
        // Local: it calls no service (the stub's log above has three calls).
        ['check_quality', 'SUCCEEDED', 1],
      ],
    );
    // The stub's master is on another server: reported as unreadable, delivered as it is.
    const quality = job.quality as Record<string, unknown>;
    assert.equal(quality.verdict, 'unreadable');
    assert.equal(quality.owned, false);
    assert.equal(quality.delivered, 'https://cdn.example.com/output/master.wav');

    assert.ok(
      job.steps.every((s) => typeof s.duration_ms === 'number' && s.duration_ms >= 0),
      'every finished step has its duration',
    );
    const [row] = await env.sql<{ status: string; result: unknown; finished_at: Date | null }>(
      'SELECT status, result, finished_at FROM jobs WHERE id = $1',
      [jobId],
    );
    assert.equal(row.status, 'SUCCESS');
    assert.deepEqual(row.result, job.result);
    assert.ok(row.finished_at);
    const events = await env.sql<{ type: string }>(
      'SELECT type FROM job_events WHERE job_id = $1 ORDER BY id',
      [jobId],
    );
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'job.status',
        'job.status',
        'step.started',
        'step.succeeded',
        'step.started',
        'step.succeeded',
        'step.started',
        'step.succeeded',
        'step.started',
        'quality.checked',
        'step.succeeded',
        'job.status',
      ],
    );
  });

  it('downloads the reference track and uploads it to style analysis as multipart "file"', async () => {
    const wav = clickTrackWav(2);
    const url = files.serve('/ref.wav', wav);
    const jobId = await create({ prompt: 'house track', reference_track_url: url });
    const job = await waitForJob(app.url, jobId);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const [upload] = stubs.callsTo('analyze');
    assert.match(upload.contentType ?? '', /^multipart\/form-data; boundary=/);
    assert.match(upload.body, /Content-Disposition: form-data; name="file"; filename="ref.wav"/i);
    assert.ok(
      upload.body.includes(wav.subarray(0, 64).toString('latin1')),
      'the WAV bytes are uploaded',
    );
    const generate = JSON.parse(stubs.callsTo('generate')[0].body) as { style_features: unknown };
    assert.deepEqual(generate.style_features, {
      tempo: 92.3,
      key: 'A minor',
      segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
    });
    assert.deepEqual(
      job.steps.map((s) => s.name),
      ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master', 'check_quality'],
    );
  });

  it('fails the job with the service message when a service answers 400, and calls nothing after', async () => {
    stubs.script('generate', () => ({
      status: 400,
      body: { detail: 'instrument "kazoo" is not supported' },
    }));
    const jobId = await create({ prompt: 'kazoo solo' });
    const job = await waitForJob(app.url, jobId);
    assert.equal(job.status, 'FAILURE');
    assert.equal(
      job.result?.error,
      'sound-generation answered 400: instrument "kazoo" is not supported',
    );
    assert.equal(job.result?.step, 'Generating Sound');
    assert.equal(job.error?.step, 'generate_sound');
    assert.equal(stubs.callsTo('generate').length, 1, 'a permanent error is not retried');
    assert.equal(stubs.callsTo('process').length, 0);
  });

  it('retries a 503 twice and succeeds, with three attempts recorded', async () => {
    stubs.script('generate', (_call, n) =>
      n <= 2 ? { status: 503, body: { detail: 'GPU busy' } } : undefined,
    );
    const jobId = await create({ prompt: 'retry me' });
    const job = await waitForJob(app.url, jobId);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const generate = job.steps.find((s) => s.name === 'generate_sound');
    assert.equal(generate?.attempts, 3);
    assert.deepEqual(
      generate?.attempt_log.map((a) => a.outcome),
      ['retrying', 'retrying', 'succeeded'],
    );
    assert.equal(stubs.callsTo('parse').length, 1, 'the completed step is not called again');
    assert.ok(stubs.callsTo('generate').every((c) => c.key === `${jobId}:generate_sound`));
  });

  it('with the service unlimited, waits out the Retry-After of a service at capacity, and every job succeeds', async () => {
    // One generation at a time, each long enough for the other job's call to come meanwhile.
    stubs.capacity = { generate: 1 };
    stubs.delayMs = { generate: 700 };
    const ids = await Promise.all([create({ prompt: 'first' }), create({ prompt: 'second' })]);
    const jobs = await Promise.all(ids.map((id) => waitForJob(app.url, id)));
    assert.deepEqual(
      jobs.map((job) => job.status),
      ['SUCCESS', 'SUCCESS'],
    );
    const refused = stubs.callsTo('generate').filter((c) => c.outcome === 'refused');
    assert.equal(refused.length, 1, 'the call beyond capacity was refused');
    const [retry] = stubs.callsFor(refused[0].jobId, 'generate_sound').filter((c) => c.n === 2);
    assert.equal(retry?.outcome, 'executed');
    assert.ok(retry.at - refused[0].at >= 950, `retried ${retry.at - refused[0].at} ms later`);
  });

  it('treats a timeout as transient and gives up after the attempt budget', async () => {
    stubs.script('parse', () => ({ hangMs: 2_000 }));
    const jobId = await create({ prompt: 'slow parser' });
    const job = await waitForJob(app.url, jobId);
    assert.equal(job.status, 'FAILURE');
    assert.match(job.error?.message ?? '', /timed out after 500 ms \(gave up after 4 attempts\)/);
    assert.equal(stubs.callsTo('parse').length, 4);
  });

  it('fails with a clear error on a malformed service response', async () => {
    stubs.script('parse', () => ({ raw: '{"tempo": "fast"' }));
    const jobId = await create({ prompt: 'broken parser' });
    const job = await waitForJob(app.url, jobId);
    assert.equal(job.status, 'FAILURE');
    assert.match(job.error?.message ?? '', /malformed response: not JSON/);
    stubs.script('parse', () => ({ body: { tempo: 'fast' } }));
    const second = await waitForJob(app.url, await create({ prompt: 'wrong types' }));
    assert.match(second.error?.message ?? '', /malformed response: tempo must be a number or null/);
  });

  it('fails the job, not the server, when the reference track is missing, too big or not audio', async () => {
    const cases: [string, RegExp][] = [
      [
        files.serve('/missing-on-purpose.wav', Buffer.from('gone'), 'text/plain', 404),
        /answered 404/,
      ],
      [files.serve('/page.html', Buffer.from('<html>hello</html>'), 'text/html'), /not audio/],
      [files.serve('/huge.wav', clickTrackWav(5)), /larger than the 100000-byte limit/],
    ];
    for (const [url, message] of cases) {
      const job = await waitForJob(
        app.url,
        await create({ prompt: 'with ref', reference_track_url: url }),
      );
      assert.equal(job.status, 'FAILURE');
      assert.equal(job.error?.step, 'analyze_style');
      assert.match(job.error?.message ?? '', message);
    }
    assert.equal(stubs.callsTo('analyze').length, 0);
  });

  /** A job whose generate step answered 503 with a long Retry-After: it waits in the delayed set. */
  async function createWaitingOutRetry(prompt: string): Promise<string> {
    stubs.script('generate', () => ({
      status: 503,
      body: { detail: 'GPU busy' },
      headers: { 'retry-after': '60' },
    }));
    const jobId = await create({ prompt });
    await waitForJob(app.url, jobId, (job) =>
      job.steps.some((s) => s.name === 'generate_sound' && s.status === 'RETRYING'),
    );
    return jobId;
  }

  const stepStates = (job: JobView) => job.steps.map((s) => [s.name, s.status]);

  it('cancel during a retry backoff ends the waiting step CANCELLED with the job', async () => {
    const jobId = await createWaitingOutRetry('cancel me while I wait');
    const res = await requestJson<JobView>(`${app.url}/jobs/${jobId}/cancel`, { method: 'POST' });
    assert.equal(res.status, 202);
    assert.equal(res.body.status, 'CANCELLED');
    assert.deepEqual(stepStates(res.body), [
      ['parse_prompt', 'SUCCEEDED'],
      ['generate_sound', 'CANCELLED'],
    ]);
    assert.equal(stubs.callsTo('generate', jobId).length, 1, 'the retry never ran');
  });

  it('the deadline fails a job waiting out a retry: its step FAILED too, counted and pushed to listeners', async () => {
    const jobId = await createWaitingOutRetry('too late');
    const listener = new Redis(REDIS_BASE_URL);
    const pushed: string[] = [];
    listener.on('message', (_channel: string, ids: string) => pushed.push(...ids.split(',')));
    await listener.subscribe(`${env.name}:job-events`);
    const metrics = app.app.get(Metrics);
    const failures = async () =>
      (await metrics.jobsFinished.get()).values.find((v) => v.labels.status === 'FAILURE')?.value ??
      0;
    const failuresBefore = await failures();
    try {
      await env.sql(`UPDATE jobs SET deadline_at = now() - interval '1 second' WHERE id = $1`, [
        jobId,
      ]);
      const job = await waitForJob(app.url, jobId, undefined, 5_000); // the reconciler's sweep
      assert.equal(job.status, 'FAILURE');
      assert.match(job.error?.message ?? '', /did not finish before its deadline/);
      assert.deepEqual(stepStates(job), [
        ['parse_prompt', 'SUCCEEDED'],
        ['generate_sound', 'FAILED'],
      ]);
      const deadline = Date.now() + 2_000;
      while (!pushed.includes(jobId) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(pushed.includes(jobId), 'live views were told at once, not at their next poll');
      assert.equal(await failures(), failuresBefore + 1, 'orchestrator_jobs_finished_total');
      const events = await env.sql<{ type: string; step: string | null }>(
        `SELECT type, data->>'step' AS step FROM job_events WHERE job_id = $1 ORDER BY id DESC LIMIT 2`,
        [jobId],
      );
      assert.deepEqual(
        events.map((e) => [e.type, e.step]),
        [
          ['job.status', null],
          ['step.failed', 'generate_sound'],
        ],
      );
    } finally {
      await listener.quit();
    }
  });

  it('shows the current step while processing, as the original clients expect', async () => {
    stubs.script('generate', () => ({ hangMs: 600 }));
    const jobId = await create({ prompt: 'watch me' });
    const seen: JobView = await waitForJob(
      app.url,
      jobId,
      (job) => job.status === 'PROCESSING' && job.result?.step === 'Generating Sound',
    );
    assert.equal(seen.current_step, 'generate_sound');
    const done = await waitForJob(app.url, jobId);
    assert.equal(done.status, 'SUCCESS');
    const res = await requestJson(`${app.url}/jobs/${jobId}`);
    assert.equal(res.status, 200);
  });
});
