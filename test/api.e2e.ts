import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { postJson, requestJson } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

/** The compatible API and its answers to bad input: a 4xx naming the problem, nothing stored. */
describe('jobs API', () => {
  // API only: jobs stay PENDING, so the API's own answers are what is tested.
  const { env, app } = useOrchestrator({ env: { APP_ROLE: 'api' } });

  async function jobCount(): Promise<number> {
    const [row] = await env.sql<{ n: number }>('SELECT count(*)::int AS n FROM jobs');
    return row.n;
  }

  it('answers GET / with a health message', async () => {
    const res = await requestJson(`${app.url}/`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { message: 'Music production orchestrator is running.' });
  });

  it('queues a job with the original 202 body, readable at once, and stored as PENDING', async () => {
    const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
    });
    assert.equal(res.status, 202);
    assert.deepEqual(Object.keys(res.body).sort(), ['details', 'job_id', 'status']);
    assert.equal((res.body as Record<string, unknown>).status, 'PENDING');
    assert.equal((res.body as Record<string, unknown>).details, 'Job has been queued.');
    const job = await requestJson<Record<string, unknown>>(`${app.url}/jobs/${res.body.job_id}`);
    assert.equal(job.status, 200);
    assert.equal(job.body.job_id, res.body.job_id);
    assert.equal(job.body.status, 'PENDING');
    assert.equal(job.body.result, null);
    assert.ok(job.body.created_at);
    const [row] = await env.sql<{ status: string; prompt: string }>(
      'SELECT status, prompt FROM jobs WHERE id = $1',
      [res.body.job_id],
    );
    assert.deepEqual(row, {
      status: 'PENDING',
      prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
    });
  });

  it('refuses bad bodies with a 4xx that names the problem, storing nothing', async () => {
    const before = await jobCount();
    const cases: [string, unknown, number, RegExp][] = [
      ['missing prompt', {}, 400, /prompt must be a string/],
      ['empty prompt', { prompt: '' }, 400, /prompt must not be empty/],
      ['whitespace prompt', { prompt: ' \n\t ' }, 400, /prompt must not be empty/],
      ['long prompt', { prompt: 'x'.repeat(2001) }, 400, /prompt must be at most 2000 characters/],
      ['numeric prompt', { prompt: 42 }, 400, /prompt must be a string/],
      [
        'relative URL',
        { prompt: 'ok', reference_track_url: '/ref.wav' },
        400,
        /reference_track_url must be an absolute http\(s\) URL/,
      ],
      [
        'ftp URL',
        { prompt: 'ok', reference_track_url: 'ftp://host/ref.wav' },
        400,
        /reference_track_url/,
      ],
      ['unknown field', { prompt: 'ok', tempo: 100 }, 400, /property tempo should not exist/],
    ];
    for (const [name, body, status, detail] of cases) {
      const res = await postJson<{ detail: string }>(`${app.url}/create-track`, body);
      assert.equal(res.status, status, name);
      assert.match(res.body.detail, detail, name);
    }
    const malformed = await requestJson<{ detail: string }>(`${app.url}/create-track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt": "unterminated',
    });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.detail, /JSON/);
    const huge = await postJson<{ detail: string }>(`${app.url}/create-track`, {
      prompt: 'x',
      pad: 'y'.repeat(70_000),
    });
    assert.equal(huge.status, 413);
    const text = await requestJson<{ detail: string }>(`${app.url}/create-track`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'prompt=hi',
    });
    assert.equal(text.status, 415);
    assert.match(text.body.detail, /application\/json/);
    const form = await requestJson(`${app.url}/create-track`, {
      method: 'POST',
      body: new URLSearchParams({ prompt: 'hi' }),
    });
    assert.equal(form.status, 415);
    const badKey = await postJson<{ detail: string }>(
      `${app.url}/create-track`,
      { prompt: 'ok' },
      { 'idempotency-key': 'has space' },
    );
    assert.equal(badKey.status, 400);
    assert.match(badKey.body.detail, /Idempotency-Key/);
    assert.equal(await jobCount(), before, 'no job was stored for any bad request');
  });

  it('answers 404 {"detail": "Job not found"} for unknown and malformed ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
      const res = await requestJson(`${app.url}/jobs/${encodeURIComponent(id)}`);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, { detail: 'Job not found' });
    }
  });

  it('replays an Idempotency-Key with 200 and the same job, and refuses a different body with 422', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const [a, b] = await Promise.all([
      postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt: 'same' }, headers),
      postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt: 'same' }, headers),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 202]);
    assert.equal(a.body.job_id, b.body.job_id);
    const conflict = await postJson<{ detail: string; job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'different' },
      headers,
    );
    assert.equal(conflict.status, 422);
    assert.equal(conflict.body.job_id, a.body.job_id);
    const rows = await env.sql("SELECT id FROM jobs WHERE idempotency_key = 'order-42'");
    assert.equal(rows.length, 1);
  });

  it('cancels a waiting job at once, and answers 409 when cancelling or retrying in the wrong state', async () => {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'never mind',
    });
    const id = created.body.job_id;
    const retryPending = await requestJson<{ detail: string }>(`${app.url}/jobs/${id}/retry`, {
      method: 'POST',
    });
    assert.equal(retryPending.status, 409);
    const cancelled = await requestJson<{ status: string }>(`${app.url}/jobs/${id}/cancel`, {
      method: 'POST',
    });
    assert.equal(cancelled.status, 202);
    assert.equal(cancelled.body.status, 'CANCELLED');
    const again = await requestJson<{ detail: string; status: string }>(
      `${app.url}/jobs/${id}/cancel`,
      { method: 'POST' },
    );
    assert.equal(again.status, 409);
    assert.equal(again.body.status, 'CANCELLED');
    assert.match(again.body.detail, /CANCELLED/);
  });

  it('serves the OpenAPI document with an example for every documented field', async () => {
    const res = await requestJson<{
      paths: Record<string, unknown>;
      components: {
        schemas: Record<
          string,
          {
            properties?: Record<
              string,
              { example?: unknown; $ref?: string; items?: unknown; allOf?: unknown }
            >;
          }
        >;
      };
    }>(`${app.url}/docs-json`);
    assert.equal(res.status, 200);
    assert.ok(res.body.paths['/create-track']);
    assert.ok(res.body.paths['/jobs/{job_id}']);
    const missing: string[] = [];
    for (const [schema, { properties = {} }] of Object.entries(res.body.components.schemas)) {
      for (const [field, spec] of Object.entries(properties)) {
        const nested =
          spec.$ref !== undefined || spec.items !== undefined || spec.allOf !== undefined;
        if (spec.example === undefined && !nested) missing.push(`${schema}.${field}`);
      }
    }
    assert.deepEqual(missing, []);
    const ui = await fetch(`${app.url}/docs`);
    assert.equal(ui.status, 200);
    assert.match(await ui.text(), /swagger/i);
  });

  it('serves exactly the checked-in openapi.json', async () => {
    const served: unknown = await (await fetch(`${app.url}/docs-json`)).json();
    const file = join(__dirname, '..', '..', 'openapi.json');
    const checkedIn: unknown = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(served, checkedIn, 'openapi.json is out of date: run npm run openapi');
  });

  it('documents every route with its error answers', async () => {
    const res = await requestJson<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>(`${app.url}/docs-json`);
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries(res.body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const codes = Object.keys(operation.responses);
        if (!codes.some((c) => c.startsWith('2'))) undocumented.push(`${method} ${path}: no 2xx`);
        if (path.includes('{job_id}') && !codes.includes('404'))
          undocumented.push(`${method} ${path}: no 404`);
      }
    }
    assert.deepEqual(undocumented, []);
  });
});
