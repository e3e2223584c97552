import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { RECONNECT_COMMENT } from '../src/events/job-event-stream';
import { createApiKey } from './support/api-keys';
import { GatedService } from './support/gated-service';
import { JobView, postJson, requestJson } from './support/http-client';
import { SseClient } from './support/sse-client';
import type { RunningApp } from './support/test-env';
import { useOrchestrator } from './support/use-orchestrator';
import { eventually } from './support/eventually';

const STREAM_CAP = 3;

/** Counts the statements an app sends that read `job_events`, from the moment it is called. */
function countEventReads(app: RunningApp): { readonly count: number; stop(): void } {
  const db = app.app.get(DataSource);
  const original = db.query.bind(db);
  let count = 0;
  db.query = ((sql: string, ...rest: unknown[]) => {
    if (/FROM job_events/i.test(sql)) count++;
    return (original as (sql: string, ...rest: unknown[]) => Promise<unknown>)(sql, ...rest);
  }) as typeof db.query;
  return {
    get count() {
      return count;
    },
    stop: () => {
      db.query = original;
    },
  };
}

/**
 * Issue 11, item 7: SSE had no bounds. 3,000 streams from one key were accepted and each
 * polled the database every SSE_POLL_INTERVAL_MS. Streams are now capped per key, end
 * after their lifetime (the client resumes with Last-Event-ID), and share one reader.
 */
describe('SSE bounds', () => {
  // Sound generation, held so that jobs stay running while streams watch them.
  const generator = new GatedService('/generate', {
    job_id: 'gated',
    stems: { piano: '/stems/p.wav' },
  });
  const keys: Record<string, string> = {};
  const clients: SseClient[] = [];
  const harness = useOrchestrator({
    helpers: [generator],
    beforeStart: async () => {
      keys.alice = await createApiKey(harness.env, 'alice');
      keys.bob = await createApiKey(harness.env, 'bob');
    },
    env: () => ({
      SOUND_GENERATION_URL: generator.url,
      APP_ROLE: 'api',
      SSE_MAX_STREAMS_PER_KEY: String(STREAM_CAP),
      SSE_POLL_INTERVAL_MS: '100',
    }),
    beforeTeardown: () => {
      for (const client of clients) client.close();
      generator.release();
    },
  });
  const { app: api } = harness;

  before(async () => {
    // Generation unlimited: the held jobs must all be in their call at once.
    await harness.startApp({
      SOUND_GENERATION_URL: generator.url,
      SOUND_GENERATION_CONCURRENCY: '0',
      APP_ROLE: 'worker',
    });
  });
  after(() => generator.release());

  const auth = (owner: string) => ({ authorization: `Bearer ${keys[owner]}` });

  function connect(base: string, jobId: string, headers: Record<string, string>): SseClient {
    const client = new SseClient(`${base}/jobs/${jobId}/events`, headers);
    client.opened.catch(() => undefined);
    clients.push(client);
    return client;
  }

  /** A job held in generate_sound until `generator.release()`. */
  async function runningJob(owner: string, base = api.url): Promise<string> {
    generator.hold();
    const res = await postJson<{ job_id: string }>(
      `${base}/create-track`,
      { prompt: 'a chill lo-fi beat, 100 bpm' },
      auth(owner),
    );
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const jobId = res.body.job_id;
    await eventually(async () => {
      const job = await requestJson<JobView>(`${base}/jobs/${jobId}`, { headers: auth(owner) });
      return job.body.steps?.some((s) => s.name === 'generate_sound' && s.status === 'RUNNING');
    }, `job ${jobId} to reach generate_sound`);
    return jobId;
  }

  it('refuses a stream beyond SSE_MAX_STREAMS_PER_KEY with 429, per key, and frees the slot on close', async () => {
    const jobId = await runningJob('alice');
    const open = Array.from({ length: STREAM_CAP }, () => connect(api.url, jobId, auth('alice')));
    for (const client of open) await client.opened;
    assert.deepEqual(
      open.map((c) => c.status),
      Array<number>(STREAM_CAP).fill(200),
    );

    const refused = await requestJson<{ detail: string }>(`${api.url}/jobs/${jobId}/events`, {
      headers: { accept: 'text/event-stream', ...auth('alice') },
      signal: AbortSignal.timeout(5_000),
    });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when');
    assert.match(refused.body.detail, /Too many open event streams/);

    // Another key has its own slots.
    const bobs = connect(api.url, await runningJob('bob'), auth('bob'));
    await bobs.opened;
    assert.equal(bobs.status, 200);

    // A stream that ends gives its slot back.
    open[0].close();
    await eventually(async () => {
      const again = connect(api.url, jobId, auth('alice'));
      await again.opened;
      if (again.status === 200) return true;
      again.close();
      return false;
    }, "alice's slot to come back");
    for (const client of [...open, bobs]) client.close();
    generator.release();
  });

  it('reads job_events once per poll interval however many streams are open', async () => {
    const many = await harness.startApp({
      SOUND_GENERATION_URL: generator.url,
      APP_ROLE: 'api',
      SSE_MAX_STREAMS_PER_KEY: '0',
      SSE_POLL_INTERVAL_MS: '100',
    });
    const jobs = [await runningJob('alice'), await runningJob('alice')];
    const streams = Array.from({ length: 30 }, (_, i) =>
      connect(many.url, jobs[i % 2], auth('alice')),
    );
    for (const client of streams) await client.opened;
    // Each stream's catch-up read is done once it has its first events.
    for (const client of streams) await client.until(() => client.events.length > 0, 'history');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const reads = countEventReads(many);
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const intervals = (Date.now() - started) / 100;
    reads.stop();
    // Nothing happens to the held jobs: only the poll reads, one statement for all 30.
    assert.ok(
      reads.count <= intervals + 2,
      `${reads.count} reads of job_events in ${intervals} poll intervals with 30 streams`,
    );
    assert.ok(reads.count > 0, 'the poll still runs');
    for (const client of streams) client.close();
    generator.release();
  });

  it('ends a stream after SSE_MAX_STREAM_SECONDS with a reconnect comment; Last-Event-ID resumes', async () => {
    const short = await harness.startApp({
      SOUND_GENERATION_URL: generator.url,
      APP_ROLE: 'api',
      SSE_MAX_STREAM_SECONDS: '1',
    });
    const jobId = await runningJob('alice');
    const first = connect(short.url, jobId, auth('alice'));
    await first.untilEnded(10_000);
    assert.equal(first.comments.at(-1), RECONNECT_COMMENT, 'the last frame says to reconnect');
    const seen = first.events.map((e) => e.id);
    assert.ok(seen.length > 0);
    assert.ok(
      !first.events.some((e) => e.type === 'job.status' && e.data.status === 'SUCCESS'),
      'the job was still running',
    );

    const resumed = connect(short.url, jobId, {
      ...auth('alice'),
      'last-event-id': String(seen.at(-1)),
    });
    await resumed.opened;
    assert.equal(resumed.status, 200);
    generator.release();
    await resumed.until(
      () => resumed.events.some((e) => e.type === 'job.status' && e.data.status === 'SUCCESS'),
      'the rest of the job',
    );
    const stored = await harness.env.sql<{ id: string }>(
      'SELECT id::text AS id FROM job_events WHERE job_id = $1 ORDER BY job_events.id',
      [jobId],
    );
    assert.deepEqual(
      [...seen, ...resumed.events.map((e) => e.id)].map(String),
      stored.map((r) => r.id),
      'the two streams together are the whole history, once',
    );
  });
});

/** Without keys every loopback client is the same principal: the cap counts per address. */
describe('SSE stream cap in loopback-only mode', () => {
  const generator = new GatedService('/generate', {
    job_id: 'gated',
    stems: { piano: '/stems/p.wav' },
  });
  const clients: SseClient[] = [];
  const { app } = useOrchestrator({
    helpers: [generator],
    env: () => ({ SOUND_GENERATION_URL: generator.url, SSE_MAX_STREAMS_PER_KEY: '1' }),
    beforeTeardown: () => {
      for (const client of clients) client.close();
      generator.release();
    },
  });

  it('gives each client address its own SSE_MAX_STREAMS_PER_KEY', async () => {
    generator.hold();
    const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'a chill lo-fi beat, 100 bpm',
    });
    assert.equal(res.status, 202);
    const url = `${app.url}/jobs/${res.body.job_id}/events`;
    const open = (from: string) => {
      const client = new SseClient(url, {}, from);
      client.opened.catch(() => undefined);
      clients.push(client);
      return client.opened.then(() => client.status);
    };
    assert.equal(await open('127.0.0.1'), 200);
    assert.equal(await open('127.0.0.1'), 429, 'the same address is over its cap');
    assert.equal(await open('127.0.0.2'), 200, 'another loopback address has its own');
    generator.release();
  });
});
