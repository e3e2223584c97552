import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { postJson, waitForJob } from './support/http-client';
import type { OrchestratorProcess } from './support/orchestrator-process';
import { useOrchestrator } from './support/use-orchestrator';

type LogLine = Record<string, unknown> & { msg?: string };

/** What an operator reads: JSON lines, one per request and per job state change, no secrets. */
describe('structured logs', () => {
  const harness = useOrchestrator({ app: false });
  let app: OrchestratorProcess;

  before(async () => {
    app = await harness.startProcess('logging', { LOG_LEVEL: 'info' });
  });

  const lines = (): LogLine[] =>
    app.output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as LogLine;
        } catch {
          assert.fail(`a log line that is not JSON: ${line}`);
        }
      });

  it('echoes X-Request-Id, logs each request and state change as JSON, and never a key', async () => {
    const secret = 'tok_never-log-this-0123456789';
    const created = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'logged beat, 90 bpm' },
      { 'x-request-id': 'req-logging-1', authorization: `Bearer ${secret}`, 'x-api-key': secret },
    );
    assert.equal(created.status, 202);
    assert.equal(created.headers.get('x-request-id'), 'req-logging-1');
    const jobId = created.body.job_id;
    const done = await waitForJob(app.url, jobId);
    assert.equal(done.status, 'SUCCESS');
    // A generated request id when the caller sends none.
    const read = await fetch(`${app.url}/jobs/${jobId}`);
    assert.match(read.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);

    await new Promise((resolve) => setTimeout(resolve, 200)); // the last lines reach the pipe
    const log = lines();
    assert.ok(!app.output.includes(secret), 'the API key is not in the log');
    const request = log.find((l) => l.request_id === 'req-logging-1');
    assert.ok(request, 'the create request has a line with its request id');
    assert.equal(request.route, '/create-track');
    assert.equal(request.status_code, 202);

    const changes = log.filter((l) => l.job_id === jobId).map((l) => [l.msg, l.step ?? null]);
    assert.deepEqual(changes, [
      ['Job created', null],
      ['Job running', null],
      ['Step started', 'parse_prompt'],
      ['Step succeeded', 'parse_prompt'],
      ['Step started', 'generate_sound'],
      ['Step succeeded', 'generate_sound'],
      ['Step started', 'mix_master'],
      ['Step succeeded', 'mix_master'],
      ['Step started', 'check_quality'],
      ['Quality checked', 'check_quality'],
      ['Step succeeded', 'check_quality'],
      ['Job succeeded', null],
    ]);
  });
});
