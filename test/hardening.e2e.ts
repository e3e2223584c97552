import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { OrchestratorProcess } from './support/orchestrator-process';
import { createApiKey } from './support/api-keys';
import { FileServer } from './support/file-server';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { RawConnection, requestHead } from './support/raw-connection';
import { useOrchestrator } from './support/use-orchestrator';
import { clickTrackWav } from './support/wav-fixture';

const REQUEST_TIMEOUT_MS = 1_000;

/** What an attacker on the network tried (issue 11), and what the server now does. */
describe('slow and unauthenticated request bodies', () => {
  let alice = '';
  const { env, app } = useOrchestrator({
    stub: false,
    beforeStart: async () => {
      alice = await createApiKey(env, 'alice');
    },
    env: { APP_ROLE: 'api', REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });

  it('answers 408 and closes a connection whose body trickles in past REQUEST_TIMEOUT_MS', async () => {
    const slow = await RawConnection.open(app.url);
    slow.write(
      requestHead('POST', '/create-track', {
        authorization: `Bearer ${alice}`,
        'content-type': 'application/json',
        'content-length': 1_000,
      }),
    );
    const trickle = setInterval(() => slow.write(' '), 200);
    try {
      assert.ok(await slow.closesWithin(REQUEST_TIMEOUT_MS + 3_000), 'the connection is closed');
      assert.equal(slow.status, 408);
    } finally {
      clearInterval(trickle);
      slow.destroy();
    }
  });

  it('refuses a body without a valid key at once, before reading it, and closes', async () => {
    for (const authorization of [undefined, 'Bearer tok_wrong']) {
      const keyless = await RawConnection.open(app.url);
      keyless.write(
        requestHead('POST', '/create-track', {
          ...(authorization ? { authorization } : {}),
          'content-type': 'application/json',
          'content-length': 1_000,
        }),
      );
      // Well before the request timeout: the server did not wait for the body.
      assert.ok(await keyless.closesWithin(REQUEST_TIMEOUT_MS / 2), 'closed without the body');
      assert.equal(keyless.status, 401, keyless.received);
      assert.match(keyless.received, /API key/);
    }
  });

  it('still serves a key holder whose body arrives in one go', async () => {
    const res = await requestJson(`${app.url}/create-track`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: '' }),
    });
    assert.equal(res.status, 400, 'validated as before');
  });
});

describe('open connections per client address', () => {
  const CAP = 5;
  const { app } = useOrchestrator({
    stub: false,
    env: { APP_ROLE: 'api', MAX_CONNECTIONS_PER_CLIENT: String(CAP) },
  });

  it('closes connections beyond MAX_CONNECTIONS_PER_CLIENT with a 503, and frees the slot on close', async () => {
    const held = await Promise.all(
      Array.from({ length: CAP + 3 }, () => RawConnection.open(app.url)),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = held.filter((c) => c.isClosed);
      assert.equal(refused.length, 3, 'only the connections over the cap are closed');
      assert.ok(refused.every((c) => c.status === 503));
      held.filter((c) => !c.isClosed)[0].destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const res = await requestJson(`${app.url}/health/live`, { headers: { connection: 'close' } });
      assert.equal(res.status, 200, 'a closed connection makes room for a new one');
    } finally {
      for (const connection of held) connection.destroy();
    }
  });
});

describe('request bodies and fields that used to crash the server or slip through', () => {
  let alice = '';
  const { env, app } = useOrchestrator({
    stub: false,
    beforeStart: async () => {
      alice = await createApiKey(env, 'alice');
    },
    env: { APP_ROLE: 'api', RATE_LIMIT_CREATE_PER_MINUTE: '2' },
  });

  const asAlice = () => ({ authorization: `Bearer ${alice}` });
  const postRaw = (path: string, body: string) =>
    requestJson(`${app.url}${path}`, {
      method: 'POST',
      headers: { ...asAlice(), 'content-type': 'application/json' },
      body,
    });
  const fieldsOf = (body: Record<string, unknown>) =>
    ((body.errors ?? []) as { field: string }[]).map((e) => e.field);

  it('refuses JSON nested deeper than 32 levels with a 400, however deep', async () => {
    // 32,000 levels in 64 KB used to overflow the stack in class-transformer (500).
    for (const levels of [32, 32_000]) {
      const deep = `{"prompt":"x","webhook_events":${'['.repeat(levels)}${']'.repeat(levels)}}`;
      const res = await postRaw('/create-track', deep);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(String(res.body.detail), /deeper than 32 levels/);
    }
    // 32 levels in all (the outer object and 31 arrays) are parsed and validated as usual.
    const ok = `{"prompt":"x","webhook_events":${'['.repeat(31)}${']'.repeat(31)}}`;
    const validated = await postRaw('/create-track', ok);
    assert.equal(validated.status, 400);
    assert.deepEqual(fieldsOf(validated.body), ['webhook_events']);
    // Brackets inside strings are text, not nesting.
    const text = await postRaw('/create-track', JSON.stringify({ prompt: '['.repeat(3_000) }));
    assert.equal(text.status, 400);
    assert.deepEqual(fieldsOf(text.body), ['prompt'], 'refused for its length, not its depth');
  });

  it('answers a NUL character in prompt or q with a 400 naming the field (PostgreSQL refuses it)', async () => {
    const create = await postRaw('/create-track', JSON.stringify({ prompt: 'lo-fi\u0000beat' }));
    assert.equal(create.status, 400, JSON.stringify(create.body));
    assert.deepEqual(fieldsOf(create.body), ['prompt']);
    const list = await requestJson(`${app.url}/jobs?q=lo-fi%00beat`, { headers: asAlice() });
    assert.equal(list.status, 400, JSON.stringify(list.body));
    assert.deepEqual(fieldsOf(list.body), ['q']);
  });

  it('refuses a reference_track_url with a malformed percent-escape at create', async () => {
    for (const path of ['/tracks/100%', '/tracks/%E0%A4%A', '/tracks/%zz.wav']) {
      const res = await postRaw(
        '/create-track',
        JSON.stringify({
          prompt: 'like this',
          reference_track_url: `http://127.0.0.1:9${path}`,
        }),
      );
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(fieldsOf(res.body), ['reference_track_url']);
      assert.match(String(res.body.detail), /percent-escape/);
    }
    const rows = await env.sql('SELECT id FROM jobs');
    assert.equal(rows.length, 0, 'nothing was stored');
  });

  it('counts a retry against the create rate limit: 429 with Retry-After once it is used up', async () => {
    // APP_ROLE=api: no worker picks the jobs up, so a cancel ends them at once.
    const first = await postRaw('/create-track', JSON.stringify({ prompt: 'first' }));
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const jobId = String(first.body.job_id);
    const retry = () =>
      requestJson(`${app.url}/jobs/${jobId}/retry`, { method: 'POST', headers: asAlice() });
    const notRetryable = await retry();
    assert.equal(notRetryable.status, 409, 'a PENDING job cannot be retried');
    const cancelled = await requestJson(`${app.url}/jobs/${jobId}/cancel`, {
      method: 'POST',
      headers: asAlice(),
    });
    assert.equal(cancelled.body.status, 'CANCELLED');
    // The 409 spent nothing: this retry takes the second and last slot of the minute.
    assert.equal((await retry()).status, 202);
    await requestJson(`${app.url}/jobs/${jobId}/cancel`, { method: 'POST', headers: asAlice() });
    const limited = await retry();
    assert.equal(limited.status, 429, JSON.stringify(limited.body));
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    const job = await requestJson(`${app.url}/jobs/${jobId}`, { headers: asAlice() });
    assert.equal(job.body.status, 'CANCELLED', 'the refused retry changed nothing');
    const create = await postRaw('/create-track', JSON.stringify({ prompt: 'another' }));
    assert.equal(create.status, 429, 'creates and retries share one budget');
  });
});

describe('a reference track whose name does not decode', () => {
  const files = new FileServer();
  const { stubs, app } = useOrchestrator({ helpers: [files] });

  it('is downloaded and analysed under its name as written (it used to re-run the job without end)', async () => {
    // Well-formed escapes that are not UTF-8 (a Latin-1 server's "café"): valid at create.
    const url = files.serve('/tracks/caf%E9.wav', clickTrackWav(1));
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'a house track like my reference',
      reference_track_url: url,
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    const job = await waitForJob(app.url, created.body.job_id);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job));
    const [upload] = stubs.callsTo('analyze');
    assert.match(upload.body, /filename="caf%E9\.wav"/);
    assert.equal(files.bytesSent('/tracks/caf%E9.wav'), clickTrackWav(1).length, 'one download');
  });
});

describe('secrets in logs and caches', () => {
  const harness = useOrchestrator({ stub: false, app: false });
  const { env } = harness;
  let app: OrchestratorProcess;
  let alice: string;
  let admin: string;

  before(async () => {
    alice = await createApiKey(env, 'alice');
    admin = await createApiKey(env, 'ops', true);
    await mkdir(join(env.artifactsDir, 'output'), { recursive: true });
    await writeFile(join(env.artifactsDir, 'output', 'held.wav'), clickTrackWav(1));
    app = await harness.startProcess('secrets', { APP_ROLE: 'api', LOG_LEVEL: 'info' });
  });

  const assertPrivate = (headers: Headers, what: string) => {
    assert.equal(headers.get('cache-control'), 'private, no-store', what);
    const vary = (headers.get('vary') ?? '').toLowerCase();
    assert.ok(vary.includes('authorization') && vary.includes('x-api-key'), `${what}: ${vary}`);
  };

  it('marks answers for a key, with their signed links, and downloads by key private, no-store', async () => {
    const asAlice = { authorization: `Bearer ${alice}` };
    const created = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'private beat' },
      asAlice,
    );
    assert.equal(created.status, 202);
    assertPrivate(created.headers, 'create');
    const job = await requestJson(`${app.url}/jobs/${created.body.job_id}`, { headers: asAlice });
    assertPrivate(job.headers, 'GET /jobs/{id}');
    assertPrivate((await requestJson(`${app.url}/jobs`, { headers: asAlice })).headers, 'list');
    const download = await fetch(`${app.url}/artifacts/output/held.wav`, {
      headers: { 'x-api-key': admin },
    });
    assert.equal(download.status, 200);
    assertPrivate(download.headers, 'download by key');
    await download.arrayBuffer();
    // Public answers keep their own caching.
    assert.equal((await fetch(`${app.url}/health/live`)).headers.get('cache-control'), null);
  });

  it('logs no link signature and no key sent in a query string', async () => {
    const signature = 'pQ2lq7WkZr0Zt3f8vR7yq1uV8m0Xx0c7N3kq3aYH0bE';
    const signed = await fetch(
      `${app.url}/artifacts/output/held.wav?expires=1795010400&signature=${signature}`,
    );
    assert.equal(signed.status, 403, 'a signature this server did not make');
    await signed.arrayBuffer();
    const keyInQuery = await requestJson(`${app.url}/jobs?api_key=${alice}`);
    assert.equal(keyInQuery.status, 401);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last lines reach the pipe
    assert.ok(!app.output.includes(signature), 'the signature is not logged');
    assert.ok(!app.output.includes(alice), 'the key is not logged');
    assert.match(app.output, /held\.wav\?expires=1795010400&signature=\[redacted\]/);
    assert.match(app.output, /\/jobs\?api_key=\[redacted\]/);
  });
});
