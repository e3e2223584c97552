import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { JobEventsStreamService } from '../src/events/job-events-stream.service';
import { GatedService } from './support/gated-service';
import { EventMessage, SseClient } from './support/sse-client';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { TcpProxy } from './support/tcp-proxy';
import { REDIS_BASE_URL, RunningApp, startApp } from './support/test-env';
import { useOrchestrator } from './support/use-orchestrator';

const EXPECTED_TYPES = [
  ['job.status', 'PENDING'],
  ['job.status', 'PROCESSING'],
  ['step.started', 'parse_prompt'],
  ['step.succeeded', 'parse_prompt'],
  ['step.started', 'generate_sound'],
  ['step.succeeded', 'generate_sound'],
  ['step.started', 'mix_master'],
  ['step.succeeded', 'mix_master'],
  ['step.started', 'check_quality'],
  // The stub's master is a URL of another server: reported as unreadable, not failed.
  ['quality.checked', 'unreadable'],
  ['step.succeeded', 'check_quality'],
  ['job.status', 'SUCCESS'],
];

function summary(events: EventMessage[]): string[][] {
  return events.map((e) => [e.type, String(e.data.status ?? e.data.step ?? e.data.verdict)]);
}

/**
 * GET /jobs/{id}/events. The API and the worker run as two applications that share only
 * PostgreSQL and Redis, and the API polls `job_events` once a minute: an event that reaches
 * a stream within a test's time came through the worker's Redis notification.
 */
describe('job events over SSE', () => {
  // Sound generation, held while a test watches a job in the middle of its run.
  const generator = new GatedService('/generate', {
    job_id: 'gated',
    stems: { piano: '/stems/p.wav' },
  });
  const clients: SseClient[] = [];
  const harness = useOrchestrator({
    helpers: [generator],
    env: () => ({
      SOUND_GENERATION_URL: generator.url,
      APP_ROLE: 'api',
      SSE_POLL_INTERVAL_MS: '60000',
      SSE_KEEPALIVE_MS: '100',
    }),
    beforeTeardown: () => {
      for (const client of clients) client.close();
      generator.release();
    },
  });
  const { env, app: api } = harness;
  /** A second API on another queue prefix: it hears no notification and relies on its poll. */
  let deafApi: RunningApp;

  before(async () => {
    await harness.startApp({ SOUND_GENERATION_URL: generator.url, APP_ROLE: 'worker' });
    deafApi = await harness.startApp({
      SOUND_GENERATION_URL: generator.url,
      APP_ROLE: 'api',
      QUEUE_PREFIX: `${env.name}_deaf`,
      SSE_POLL_INTERVAL_MS: '100',
      SSE_KEEPALIVE_MS: '60000',
    });
  });

  function connect(
    base: string,
    jobId: string,
    headers?: Record<string, string>,
    query = '',
  ): SseClient {
    const client = new SseClient(`${base}/jobs/${jobId}/events${query}`, headers);
    client.opened.catch(() => undefined);
    clients.push(client);
    return client;
  }

  async function create(): Promise<string> {
    const res = await postJson<{ job_id: string }>(`${api.url}/create-track`, {
      prompt: 'a chill lo-fi beat, 100 bpm',
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.job_id;
  }

  async function storedEvents(jobId: string): Promise<{ id: string; type: string }[]> {
    // By the number: `ORDER BY id` would sort the text column (10 before 2).
    return env.sql(
      'SELECT id::text AS id, type FROM job_events WHERE job_id = $1 ORDER BY job_events.id',
      [jobId],
    );
  }

  let finishedJob: { jobId: string; ids: number[] };

  it('streams every event of a job in order and closes after the terminal one', async () => {
    const jobId = await create();
    const client = connect(api.url, jobId);
    await client.opened;
    assert.equal(client.status, 200);
    assert.match(String(client.headers['content-type']), /^text\/event-stream/);
    assert.equal(client.headers['cache-control'], 'no-cache, no-transform');
    await client.untilEnded();

    assert.equal(client.frames[0].retry, 3000, 'the first frame tells EventSource when to retry');
    const events = client.events;
    assert.deepEqual(summary(events), EXPECTED_TYPES);
    for (const [i, event] of events.entries()) {
      const frame = client.frames.filter((f) => f.data !== undefined)[i];
      assert.equal(frame.id, String(event.id), 'the SSE id is the event id');
      assert.equal(frame.event, event.type, 'the SSE event name is the event type');
      assert.equal(event.job_id, jobId);
      assert.ok(!Number.isNaN(Date.parse(event.created_at)));
      if (i > 0) assert.ok(event.id > events[i - 1].id, 'ids increase');
    }
    const stored = await storedEvents(jobId);
    assert.deepEqual(
      events.map((e) => [String(e.id), e.type]),
      stored.map((e) => [e.id, e.type]),
      'the stream is the stored history, nothing more or less',
    );
    finishedJob = { jobId, ids: events.map((e) => e.id) };
  });

  it('resumes after Last-Event-ID (header or query) with only the later events', async () => {
    const { jobId, ids } = finishedJob;
    const resumed = connect(api.url, jobId, { 'last-event-id': String(ids[3]) });
    await resumed.untilEnded();
    assert.equal(resumed.status, 200);
    assert.deepEqual(
      resumed.events.map((e) => e.id),
      ids.slice(4),
    );

    const byQuery = connect(api.url, jobId, {}, `?last_event_id=${ids[6]}`);
    await byQuery.untilEnded();
    assert.deepEqual(
      byQuery.events.map((e) => e.id),
      ids.slice(7),
    );

    // EventSource updates the header on each reconnect: it wins over a stale query.
    const both = await requestJson<string>(
      `${api.url}/jobs/${jobId}/events?last_event_id=${ids[0]}`,
      {
        headers: { 'last-event-id': String(ids[ids.length - 2]) },
      },
    );
    assert.equal(both.status, 200);
    assert.deepEqual(
      both.body.split('\n').filter((line) => line.startsWith('id: ')),
      [`id: ${ids[ids.length - 1]}`],
    );

    // Nothing after the terminal event of a finished job: 204 tells EventSource to stop.
    const done = await requestJson(`${api.url}/jobs/${jobId}/events`, {
      headers: { 'last-event-id': String(ids[ids.length - 1]) },
    });
    assert.equal(done.status, 204);
    assert.equal(done.body, '');
  });

  it("pushes a worker's events to the stream as they happen", async () => {
    generator.hold();
    const jobId = await create();
    const client = connect(api.url, jobId);
    await client.until(
      () =>
        client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'),
      'generate_sound to start',
    );
    assert.equal(client.ended, false, 'the stream stays open while the job runs');
    const seenBefore = client.events.length;
    generator.release();
    // The API polls once a minute: these arrive within the test's time through Redis only.
    await client.untilEnded(20_000);
    assert.deepEqual(summary(client.events), EXPECTED_TYPES);
    assert.ok(client.events.length > seenBefore);
    const job = await waitForJob(api.url, jobId);
    assert.equal(job.status, 'SUCCESS');
  });

  it('sends keep-alive comments while the job is idle, and frees the stream when the client leaves', async () => {
    generator.hold();
    const jobId = await create();
    const client = connect(api.url, jobId);
    await client.until(
      () =>
        client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'),
      'generate_sound to start',
    );
    const eventsSoFar = client.events.length;
    await client.until(
      () => client.comments.filter((c) => c === 'ping').length >= 2,
      'two keep-alive comments',
    );
    assert.equal(client.events.length, eventsSoFar, 'a keep-alive is not an event');
    assert.equal(client.ended, false);

    const streams = api.app.get(JobEventsStreamService);
    assert.ok(streams.openStreams >= 1);
    client.close();
    const deadline = Date.now() + 10_000;
    while (streams.openStreams > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(streams.openStreams, 0, 'a client that leaves releases its stream');
    generator.release();
    assert.equal((await waitForJob(api.url, jobId)).status, 'SUCCESS');
  });

  it('still delivers every event by polling when no notification arrives', async () => {
    generator.hold();
    const jobId = await create();
    // deafApi listens on another prefix's channel: only its 100 ms poll finds new events.
    const client = connect(deafApi.url, jobId);
    await client.until(
      () =>
        client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'),
      'generate_sound to start',
    );
    generator.release();
    await client.untilEnded();
    assert.deepEqual(summary(client.events), EXPECTED_TYPES);
  });

  it('takes a notification published by another process (Redis pub/sub) as a cue to read', async () => {
    generator.hold();
    const jobId = await create();
    const client = connect(api.url, jobId);
    await client.until(
      () =>
        client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'),
      'generate_sound to start',
    );
    const count = client.events.length;
    // An event written and announced by someone else entirely: the API neither wrote it nor polls.
    const [inserted] = await env.sql<{ id: string }>(
      `INSERT INTO job_events (job_id, type, data) VALUES ($1, 'cancel.requested', '{}')
       RETURNING id::text AS id`,
      [jobId],
    );
    const redis = new Redis(REDIS_BASE_URL);
    try {
      await redis.publish(`${env.name}:job-events`, jobId);
    } finally {
      await redis.quit();
    }
    await client.until(() => client.events.length > count, 'the announced event');
    assert.equal(client.events[count].id, Number(inserted.id));
    assert.equal(client.events[count].type, 'cancel.requested');
    generator.release();
    await client.untilEnded();
  });

  it('ends open streams when the server shuts down, so they do not hold the shutdown', async () => {
    generator.hold();
    const jobId = await create();
    const extra = await startApp(env, { APP_ROLE: 'api', SSE_KEEPALIVE_MS: '60000' });
    let closed = false;
    try {
      const client = connect(extra.url, jobId);
      await client.until(
        () =>
          client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'),
        'generate_sound to start',
      );
      await extra.close();
      closed = true;
      await client.untilEnded();
    } finally {
      if (!closed) await extra.stop();
      generator.release();
    }
    assert.equal((await waitForJob(api.url, jobId)).status, 'SUCCESS');
  });

  it('subscribes once Redis is reachable when it was not at boot', async () => {
    const redisPort = Number(new URL(REDIS_BASE_URL).port || 6379);
    const proxy = new TcpProxy(new URL(REDIS_BASE_URL).hostname, redisPort);
    const redis = new Redis(REDIS_BASE_URL);
    const channel = `${env.name}:job-events`;
    const subscribers = async () =>
      ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];
    await proxy.start();
    proxy.cut();
    const late = await startApp(env, {
      APP_ROLE: 'api',
      REDIS_URL: `redis://127.0.0.1:${proxy.port}/0`,
      SSE_POLL_INTERVAL_MS: '60000',
    });
    try {
      const before = await subscribers();
      // An outage long enough for the boot-time SUBSCRIBE to fail (ioredis gives a command
      // one reconnection attempt, some 50 ms, here).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      proxy.restore();
      const deadline = Date.now() + 15_000;
      while ((await subscribers()) === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(await subscribers(), before + 1, 'the late API subscribed');

      generator.hold();
      const jobId = await create();
      const client = connect(late.url, jobId);
      await client.until(
        () =>
          client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'),
        'generate_sound to start',
      );
      generator.release();
      await client.untilEnded(20_000); // well before its one-minute poll
      assert.deepEqual(summary(client.events), EXPECTED_TYPES);
    } finally {
      generator.release();
      proxy.restore();
      await late.stop();
      await proxy.stop();
      await redis.quit();
    }
  });

  it('answers 404 for an unknown job and 400 for a malformed Last-Event-ID', async () => {
    for (const id of [randomUUID(), 'not-a-job']) {
      const res = await requestJson(`${api.url}/jobs/${id}/events`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { detail: 'Job not found' });
    }
    const jobId = finishedJob.jobId;
    for (const bad of ['abc', '-1', '1.5', '12345678901234567890']) {
      const res = await requestJson<{ detail: string; errors: { field: string }[] }>(
        `${api.url}/jobs/${jobId}/events`,
        { headers: { 'last-event-id': bad } },
      );
      assert.equal(res.status, 400, bad);
      assert.match(res.body.detail, /Last-Event-ID must be a job event id/);
      assert.deepEqual(
        res.body.errors.map((e) => e.field),
        ['Last-Event-ID'],
      );
    }
    const res = await requestJson<{ detail: string }>(
      `${api.url}/jobs/${jobId}/events?last_event_id=abc`,
    );
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.body), /last_event_id must be a job event id/);
  });
});
