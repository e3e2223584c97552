import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { FileServer } from './support/file-server';
import { postJson, requestJson, waitForJob } from './support/http-client';
import type { OrchestratorProcess } from './support/orchestrator-process';
import { useOrchestrator } from './support/use-orchestrator';
import { clickTrackWav } from './support/wav-fixture';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

type LogLine = Record<string, unknown>;

const bodyOf = (line: LogLine): string => (typeof line.body === 'string' ? line.body : '');

interface Delivery {
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
}

/**
 * The outbound guard as an attacker probes it: an allow-list entry with a port lets that
 * port of the host be reached and no other, on every connection and redirect; and what a
 * reference host or a webhook receiver answers with an error reaches the log, never the user.
 */
describe('outbound guard: allow-listed ports and error answers', () => {
  /** The one allow-listed host:port. */
  const allowed = new FileServer();
  /** The same host (127.0.0.1) on a port the allow-list does not name. */
  const otherPort = new FileServer();
  const harness = useOrchestrator({ app: false, helpers: [allowed, otherPort] });
  let app: OrchestratorProcess;

  before(async () => {
    app = await harness.startProcess('outbound-guard', {
      LOG_LEVEL: 'info',
      OUTBOUND_URL_ALLOWLIST: `127.0.0.1:${allowed.port}`,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_RETRY_DELAYS_MS: '100',
      STYLE_ANALYSIS_ATTEMPTS: '1',
    });
  });

  async function create(body: Record<string, unknown>) {
    return postJson<{ job_id: string; detail?: string }>(`${app.url}/create-track`, {
      prompt: 'a house track',
      ...body,
    });
  }

  async function run(body: Record<string, unknown>) {
    const res = await create(body);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return waitForJob(app.url, res.body.job_id);
  }

  /** The log lines of a job, once `wanted` is among them. */
  async function logLinesOf(jobId: string, wanted: (line: LogLine) => boolean): Promise<LogLine[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const lines = app.output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .filter((line) => line.job_id === jobId);
      if (lines.some(wanted) || Date.now() > deadline) return lines;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('reaches the listed port, and refuses another port of that host at create and on a redirect', async () => {
    const wav = clickTrackWav(1);
    const ok = await run({ reference_track_url: allowed.serve('/ok.wav', wav) });
    assert.equal(ok.status, 'SUCCESS', JSON.stringify(ok));

    const direct = await create({ reference_track_url: otherPort.serve('/direct.wav', wav) });
    assert.equal(direct.status, 400, JSON.stringify(direct.body));
    assert.match(
      direct.body.detail ?? '',
      new RegExp(
        `^reference_track_url resolves to a loopback address \\(127\\.0\\.0\\.1\\) on port ${otherPort.port} and is not in OUTBOUND_URL_ALLOWLIST$`,
      ),
    );

    const target = otherPort.serve('/moved.wav', wav);
    const job = await run({ reference_track_url: allowed.redirect('/moved.wav', target) });
    assert.equal(job.status, 'FAILURE', JSON.stringify(job));
    assert.equal(job.error?.step, 'analyze_style');
    assert.match(
      job.error?.message ?? '',
      new RegExp(
        `reference_track_url host "127\\.0\\.0\\.1" resolves to a loopback address \\(127\\.0\\.0\\.1\\) on port ${otherPort.port} and is not in OUTBOUND_URL_ALLOWLIST`,
      ),
    );
    assert.equal(otherPort.bytesSent('/moved.wav'), 0, 'the redirect target was never served');
    assert.equal(otherPort.bytesSent('/direct.wav'), 0);
  });

  it("shows a reference host's error status and reason, and keeps its body in the log with job_id", async () => {
    const page = '<h1>Not found on db-7.corp.internal</h1><pre>stack: /srv/app/secret.py</pre>';
    const job = await run({
      reference_track_url: allowed.serve('/private.wav', Buffer.from(page), 'text/html', 404),
    });
    assert.equal(job.status, 'FAILURE', JSON.stringify(job));
    assert.equal(job.error?.message, 'reference track answered 404 Not Found');
    assert.equal(job.result?.error, 'reference track answered 404 Not Found');
    const everything = JSON.stringify((await requestJson(`${app.url}/jobs/${job.job_id}`)).body);
    assert.ok(!everything.includes('db-7.corp.internal'), `no body in the job: ${everything}`);

    const lines = await logLinesOf(job.job_id, (l) => bodyOf(l).includes('db-7'));
    const line = lines.find((l) => bodyOf(l).includes('db-7.corp.internal'));
    assert.ok(line, `a log line with the body: ${JSON.stringify(lines)}`);
    assert.equal(line.step, 'analyze_style');
  });

  it("shows a webhook receiver's error status and reason, and keeps its body in the log with job_id", async () => {
    const hook = allowed.serve(
      '/hooks/broken',
      Buffer.from('Traceback (most recent call last): token=receiver-internal-42'),
      'text/plain',
      500,
    );
    const job = await run({ webhook_url: hook, webhook_events: ['job.status'] });
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job));
    const deadline = Date.now() + 15_000;
    let deliveries: Delivery[] = [];
    while (Date.now() < deadline) {
      const res = await requestJson<{ deliveries: Delivery[] }>(
        `${app.url}/jobs/${job.job_id}/webhooks`,
      );
      deliveries = res.body.deliveries;
      if (deliveries.length === 3 && deliveries.every((d) => d.status === 'FAILED')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(deliveries.length, 3, JSON.stringify(deliveries));
    for (const d of deliveries) {
      assert.equal(d.status, 'FAILED', JSON.stringify(d));
      assert.equal(d.last_status_code, 500);
      assert.equal(
        d.last_error,
        `receiver answered 500 Internal Server Error (gave up after ${d.attempts} attempts)`,
      );
    }
    const lines = await logLinesOf(job.job_id, (l) => bodyOf(l).includes('receiver-internal-42'));
    const line = lines.find((l) => bodyOf(l).includes('receiver-internal-42'));
    assert.ok(line, `a log line with the body: ${JSON.stringify(lines.slice(-5))}`);
    assert.equal(line.status_code, 500);
  });
});
