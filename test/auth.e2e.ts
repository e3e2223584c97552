import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createKey } from './support/api-key-cli';
import { postJson, requestJson } from './support/http-client';
import type { OrchestratorProcess } from './support/orchestrator-process';
import { useOrchestrator } from './support/use-orchestrator';

describe('API keys, ownership, rate limit, CORS and security headers', () => {
  let alice: string;
  let bob: string;
  let admin: string;
  const harness = useOrchestrator({
    // Keys first, so the server starts with them.
    beforeStart: async () => {
      alice = await createKey(harness.env, 'alice');
      bob = await createKey(harness.env, 'bob');
      admin = await createKey(harness.env, 'ops', true);
    },
    env: { RATE_LIMIT_CREATE_PER_MINUTE: '3', CORS_ORIGINS: 'https://studio.example.com' },
  });
  const { env, app } = harness;

  it('prints the new key alone on the last line and stores only its hash', async () => {
    assert.match(alice, /^tok_[A-Za-z0-9_-]{43}$/);
    const rows = await env.sql<{ name: string; key_hash: string }>(
      'SELECT name, key_hash FROM api_keys ORDER BY name',
    );
    assert.deepEqual(
      rows.map((r) => r.name),
      ['alice', 'bob', 'ops'],
    );
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash) && !r.key_hash.includes(alice)));
  });

  it('requires a valid key once keys exist, except for health', async () => {
    const missing = await postJson(`${app.url}/create-track`, { prompt: 'x' });
    assert.equal(missing.status, 401);
    assert.match(String(missing.body.detail), /API key required/);
    const wrong = await postJson(
      `${app.url}/create-track`,
      { prompt: 'x' },
      { authorization: 'Bearer tok_nope' },
    );
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.detail, 'Invalid API key');
    assert.equal((await requestJson(`${app.url}/`)).status, 200);
    assert.equal((await fetch(`${app.url}/docs-json`)).status, 200);
  });

  it("lets a key see its own jobs only; another key's job is 404; an admin sees all", async () => {
    const created = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'mine' },
      { 'x-api-key': alice },
    );
    assert.equal(created.status, 202);
    const id = created.body.job_id;
    const own = await requestJson(`${app.url}/jobs/${id}`, {
      headers: { authorization: `Bearer ${alice}` },
    });
    assert.equal(own.status, 200);
    const other = await requestJson(`${app.url}/jobs/${id}`, { headers: { 'x-api-key': bob } });
    assert.equal(other.status, 404);
    assert.deepEqual(other.body, { detail: 'Job not found' });
    const cancelOther = await requestJson(`${app.url}/jobs/${id}/cancel`, {
      method: 'POST',
      headers: { 'x-api-key': bob },
    });
    assert.equal(cancelOther.status, 404);
    assert.equal(
      (await requestJson(`${app.url}/jobs/${id}`, { headers: { 'x-api-key': admin } })).status,
      200,
    );
    const [row] = await env.sql<{ owner: string }>('SELECT owner FROM jobs WHERE id = $1', [id]);
    assert.equal(row.owner, 'alice');
  });

  it('shows the queue dashboard to admin keys only, with a Basic challenge for browsers', async () => {
    const anonymous = await fetch(`${app.url}/admin/queues`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic realm="Queue dashboard"/);
    const user = await requestJson(`${app.url}/admin/queues/api/queues`, {
      headers: { 'x-api-key': alice },
    });
    assert.equal(user.status, 403);
    assert.match(String(user.body.detail), /admin API key/);
    const basic = `Basic ${Buffer.from(`ops:${admin}`).toString('base64')}`;
    const page = await fetch(`${app.url}/admin/queues`, { headers: { authorization: basic } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const queues = await requestJson<{ queues: { name: string }[] }>(
      `${app.url}/admin/queues/api/queues`,
      { headers: { authorization: `Bearer ${admin}` } },
    );
    assert.equal(queues.status, 200);
    assert.deepEqual(
      queues.body.queues.map((q) => q.name),
      ['pipeline'],
    );
  });

  it('rate-limits creation per key from the first create of a fresh process, with 429 and Retry-After', async () => {
    // A process of its own: its very first create must be counted like any other.
    const fresh = await harness.startApp({
      APP_ROLE: 'api',
      RATE_LIMIT_CREATE_PER_MINUTE: '3',
    });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const res = await postJson(
          `${fresh.url}/create-track`,
          { prompt: `burst ${i}` },
          { 'x-api-key': bob },
        );
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      assert.deepEqual(statuses, [202, 202, 202, 429]);
      // A sliding window: the first create leaves it 60 s after the end of its lease (1 s).
      assert.ok(Number(retryAfter) >= 55 && Number(retryAfter) <= 61, `Retry-After ${retryAfter}`);
      const again = await postJson(
        `${app.url}/create-track`,
        { prompt: 'x' },
        { 'x-api-key': bob },
      );
      assert.equal(again.status, 429, 'every process shares the window');
      const otherKey = await postJson(
        `${fresh.url}/create-track`,
        { prompt: 'admin is separate' },
        { 'x-api-key': admin },
      );
      assert.equal(otherKey.status, 202, 'the limit is per key');
    } finally {
      await fresh.stop();
    }
  });

  it('serves /metrics to admin keys only, by Bearer as Prometheus sends it', async () => {
    assert.equal((await fetch(`${app.url}/metrics`)).status, 401);
    const user = await requestJson(`${app.url}/metrics`, { headers: { 'x-api-key': alice } });
    assert.equal(user.status, 403);
    assert.match(String(user.body.detail), /admin API key/);
    const scrape = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(scrape.status, 200);
    assert.match(await scrape.text(), /orchestrator_jobs_created_total \d+/);
    assert.equal((await fetch(`${app.url}/health/live`)).status, 200, 'health stays public');
  });

  it('documents both key schemes on every route but health and docs, and 401 with them', async () => {
    const doc = await requestJson<{
      components: { securitySchemes: Record<string, { type: string; name?: string }> };
      paths: Record<string, Record<string, { security?: unknown[]; responses: object }>>;
    }>(`${app.url}/docs-json`);
    assert.deepEqual(Object.keys(doc.body.components.securitySchemes).sort(), [
      'api-key',
      'bearer',
    ]);
    assert.equal(doc.body.components.securitySchemes['api-key'].name, 'X-API-Key');
    const keyed = { security: [{ bearer: [] }, { 'api-key': [] }] };
    for (const [path, method] of [
      ['/create-track', 'post'],
      ['/jobs/{job_id}', 'get'],
      ['/jobs/{job_id}/artifacts', 'get'],
      ['/metrics', 'get'],
    ]) {
      const operation = doc.body.paths[path][method];
      assert.deepEqual({ security: operation.security }, keyed, `${method} ${path}`);
      assert.ok('401' in operation.responses, `${method} ${path} documents 401`);
    }
    assert.equal(doc.body.paths['/health/ready'].get.security, undefined);
  });

  it('answers CORS preflights for allowed origins only, and sends security headers', async () => {
    const preflight = await fetch(`${app.url}/create-track`, {
      method: 'OPTIONS',
      headers: { origin: 'https://studio.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(
      preflight.headers.get('access-control-allow-origin'),
      'https://studio.example.com',
    );
    // What an <audio> player, a resuming event stream and an idempotent create send.
    const wanted = ['range', 'if-range', 'if-none-match', 'idempotency-key', 'last-event-id'];
    const download = await fetch(`${app.url}/artifacts/output/x.wav`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://studio.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': [...wanted, 'x-api-key'].join(','),
      },
    });
    assert.equal(download.status, 204);
    assert.equal(download.headers.get('access-control-allow-origin'), 'https://studio.example.com');
    const allowed = (download.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    for (const header of wanted) assert.ok(allowed.includes(header), `allows ${header}`);
    const read = await fetch(`${app.url}/jobs`, {
      headers: { origin: 'https://studio.example.com', 'x-api-key': alice },
    });
    const exposed = (read.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
    for (const header of [
      'content-range',
      'accept-ranges',
      'etag',
      'content-length',
      'x-request-id',
      'retry-after',
    ])
      assert.ok(exposed.includes(header), `exposes ${header}`);
    const foreign = await fetch(`${app.url}/`, { headers: { origin: 'https://evil.example.com' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal(foreign.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(foreign.headers.get('x-frame-options'));
  });
});

describe('loopback-only mode (no API keys)', () => {
  const harness = useOrchestrator({ stub: false, app: false });
  let app: OrchestratorProcess;

  before(async () => {
    // Listening on every interface; the test talks to it on loopback only.
    app = await harness.startProcess('loopback-only', {
      APP_ROLE: 'api',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
    });
  });

  it('says so in the start-up log', () => {
    assert.match(app.output, /No API keys configured: loopback-only mode/);
  });

  it('serves a direct loopback client, and refuses one that came through a proxy', async () => {
    assert.equal((await requestJson(`${app.url}/jobs`)).status, 200);
    const proxied: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.7' },
      { forwarded: 'for=203.0.113.7;proto=https' },
      { 'x-real-ip': '203.0.113.7' },
    ];
    for (const headers of proxied) {
      const res = await requestJson(`${app.url}/jobs`, { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.match(String(res.body.detail), /only.*came through a proxy/, JSON.stringify(headers));
    }
    assert.equal(
      (await fetch(`${app.url}/health/live`, { headers: { 'x-forwarded-for': '203.0.113.7' } }))
        .status,
      200,
      'health stays public',
    );
  });
});
