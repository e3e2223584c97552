import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { postJson, requestJson, waitForJob } from './support/http-client';
import type { OrchestratorProcess } from './support/orchestrator-process';
import { useOrchestrator } from './support/use-orchestrator';

type LogLine = Record<string, unknown>;

const UNEXPECTED = 'Unexpected error in the run of a job';

/**
 * An error of the job's own processing that none of the typed paths expect must not re-run
 * the job silently until its deadline (Bull's retry count is a vehicle set to 10,000): it
 * is logged with the job id, counted, and the job fails after a small budget of runs.
 */
describe('an unexpected error in the run of a job', () => {
  const harness = useOrchestrator({ app: false, resetStubEachTest: true });
  let app: OrchestratorProcess;

  before(async () => {
    app = await harness.startProcess('unexpected-errors', { LOG_LEVEL: 'info' });
  });

  const logOf = (jobId: string): LogLine[] =>
    app.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.job_id === jobId);

  it('fails the job with a clear message after 3 runs, each logged with job_id; a retry gets 3 more', async () => {
    const { stubs } = harness;
    // Valid JSON that passes the contract's checks, but with a NUL character, which
    // PostgreSQL cannot store in the step's jsonb output: the run's own write throws a
    // plain database error (22P05), neither a service's failure nor an outage.
    stubs.script('parse', () => ({
      body: {
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi',
        instruments: ['piano'],
        style_references: [],
        mood: 'chill\u0000',
      },
    }));
    const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'a chill beat',
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const jobId = res.body.job_id;
    const job = await waitForJob(app.url, jobId, undefined, 30_000);

    assert.equal(job.status, 'FAILURE', JSON.stringify(job));
    assert.equal(job.error?.step, 'parse_prompt');
    assert.equal(
      job.error?.message,
      'an unexpected internal error ended 3 runs of this job, so it was given up (the server log has the details under its job_id)',
    );
    assert.equal(job.result?.step, 'Parsing Prompt');
    assert.equal(job.steps.find((s) => s.name === 'parse_prompt')?.status, 'FAILED');
    assert.ok(!JSON.stringify(job).includes('Unicode'), 'the database error stays in the log');
    assert.equal(stubs.callsTo('parse', jobId).length, 3, 'one call per run, three runs');
    assert.equal(stubs.callsTo('generate', jobId).length, 0);

    await new Promise((resolve) => setTimeout(resolve, 200)); // the last lines reach the pipe
    const errors = logOf(jobId).filter((line) => line.msg === UNEXPECTED);
    assert.equal(errors.length, 3, 'one error line per run');
    for (const line of errors) {
      assert.equal(line.step, 'parse_prompt');
      assert.match(String(line.err), /22P05.*unsupported Unicode escape sequence/);
    }
    assert.ok(
      logOf(jobId).some((line) => String(line.msg).startsWith('Job failed: an unexpected')),
      'the failure is logged',
    );

    // A retry by the user is a fresh budget: three runs again, then the same failure.
    const retry = await requestJson(`${app.url}/jobs/${jobId}/retry`, { method: 'POST' });
    assert.equal(retry.status, 202, JSON.stringify(retry.body));
    const again = await waitForJob(
      app.url,
      jobId,
      (j) => j.status === 'FAILURE' && stubs.callsTo('parse', jobId).length > 3,
      30_000,
    );
    assert.match(again.error?.message ?? '', /^an unexpected internal error ended 3 runs/);
    assert.equal(stubs.callsTo('parse', jobId).length, 6);
  });
});
