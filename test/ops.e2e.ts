import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { TcpProxy } from './support/tcp-proxy';
import { useOrchestrator } from './support/use-orchestrator';

function metricValue(text: string, name: string, labels = ''): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** What an operator sees: health that tells the truth, and metrics that move with the work. */
describe('health and metrics', () => {
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  const { app } = useOrchestrator({
    helpers: [redisProxy],
    env: () => ({ REDIS_URL: `redis://127.0.0.1:${redisProxy.port}/0` }),
    beforeTeardown: () => redisProxy.restore(),
  });

  it('is live, and ready only while PostgreSQL, Redis and the queue answer', async () => {
    assert.deepEqual((await requestJson(`${app.url}/health/live`)).body, { status: 'ok' });
    const ready = await requestJson<{ status: string; info: Record<string, unknown> }>(
      `${app.url}/health/ready`,
    );
    assert.equal(ready.status, 200);
    assert.deepEqual(Object.keys(ready.body.info).sort(), ['postgres', 'queue', 'redis']);

    redisProxy.cut();
    const started = Date.now();
    const down = await requestJson<{ status: string; error: Record<string, { status: string }> }>(
      `${app.url}/health/ready`,
    );
    assert.equal(down.status, 503);
    assert.equal(down.body.error.redis.status, 'down');
    assert.ok(Date.now() - started < 3_000, 'answers quickly while Redis is down');

    redisProxy.restore();
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      back = (await requestJson(`${app.url}/health/ready`)).status;
    }
    assert.equal(back, 200, 'ready again once Redis is back');
  });

  it('exposes Prometheus metrics that change after a job', async () => {
    const before = await (await fetch(`${app.url}/metrics`)).text();
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'metrics',
    });
    await waitForJob(app.url, created.body.job_id);
    const res = await fetch(`${app.url}/metrics`);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const afterText = await res.text();
    assert.equal(
      metricValue(afterText, 'orchestrator_jobs_created_total') -
        metricValue(before, 'orchestrator_jobs_created_total'),
      1,
    );
    assert.equal(
      metricValue(afterText, 'orchestrator_jobs_finished_total', '{status="SUCCESS"}') -
        metricValue(before, 'orchestrator_jobs_finished_total', '{status="SUCCESS"}'),
      1,
    );
    assert.ok(
      metricValue(
        afterText,
        'orchestrator_step_duration_seconds_count',
        '{step="generate_sound",outcome="succeeded"}',
      ) >= 1,
    );
    assert.match(afterText, /orchestrator_queue_jobs\{state="waiting"\} \d+/);
    assert.match(
      afterText,
      /orchestrator_http_request_duration_seconds_count\{method="POST",route="\/create-track",status_code="202"\} \d+/,
    );
  });
});
