import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ModulesContainer } from '@nestjs/core';
import { postJson, requestJson } from './support/http-client';
import type { RunningApp } from './support/test-env';
import { useOrchestrator } from './support/use-orchestrator';

/** What each APP_ROLE serves: a worker no public API, an API process no processor. */
describe('process roles', () => {
  const harness = useOrchestrator({ stub: false, app: false });
  const { env } = harness;
  let worker: RunningApp;
  let api: RunningApp;

  before(async () => {
    worker = await harness.startApp({ APP_ROLE: 'worker' });
    api = await harness.startApp({ APP_ROLE: 'api' });
  });

  it('serves health, metrics and the embedded services on a worker, and no public route', async () => {
    assert.equal((await requestJson(`${worker.url}/health/live`)).status, 200);
    assert.equal((await fetch(`${worker.url}/metrics`)).status, 200);
    const parsed = await postJson(`${worker.url}/reference/prompt-parser/parse`, {
      prompt: 'a calm piano piece, 70 bpm',
    });
    assert.equal(parsed.status, 200, JSON.stringify(parsed.body));
    const created = await postJson(`${worker.url}/create-track`, { prompt: 'not here' });
    assert.equal(created.status, 404, 'a worker takes no creates (and so no unlimited ones)');
    for (const path of ['/jobs', '/docs-json', '/admin/queues', '/artifacts/x.wav']) {
      assert.equal((await fetch(`${worker.url}${path}`)).status, 404, path);
    }
    assert.equal(
      (await env.sql<{ n: number }>('SELECT count(*)::int AS n FROM jobs'))[0].n,
      0,
      'nothing was stored',
    );
  });

  it('loads no processor and no embedded service in an API process', async () => {
    const modules = (app: RunningApp) =>
      [...app.app.get(ModulesContainer).values()].map((module) => module.metatype.name);
    assert.ok(!modules(api).includes('PipelineModule'), 'no processor in the API');
    assert.ok(modules(worker).includes('PipelineModule'));
    assert.ok(!modules(worker).includes('JobsModule'), 'no public API in the worker');
    const parsed = await postJson(`${api.url}/reference/prompt-parser/parse`, { prompt: 'x' });
    assert.equal(parsed.status, 404);
    const created = await postJson<{ job_id: string }>(`${api.url}/create-track`, {
      prompt: 'queued by the API, run by the worker',
    });
    assert.equal(created.status, 202);
    assert.equal((await requestJson(`${api.url}/jobs/${created.body.job_id}`)).status, 200);
  });
});
