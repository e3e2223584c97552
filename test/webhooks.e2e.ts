import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { describe, it } from 'node:test';
import { GatedService } from './support/gated-service';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { ContractStub } from './support/contract-stub';
import { startApp } from './support/test-env';
import { useOrchestrator } from './support/use-orchestrator';
import { Received, Receiver } from './support/webhook-receiver';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Verifies a delivery as a receiver would, per the Standard Webhooks spec and with
 * node:crypto only: the key is the base64 after `whsec_`, the signed content is
 * `{webhook-id}.{webhook-timestamp}.{body}`, and any `v1,` entry may match.
 */
function signatureIsValid(received: Received, secret: string): boolean {
  const id = String(received.headers['webhook-id']);
  const timestamp = String(received.headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${received.body}`).digest();
  return String(received.headers['webhook-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature] = entry.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return (
        version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
      );
    });
}

interface Delivery {
  id: string;
  event_id: number;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

interface JobWebhooks {
  job_id: string;
  webhook_url: string | null;
  webhook_events: string[] | null;
  deliveries: Delivery[];
}

/** Polls `probe` until it returns a value; fails with `what` after `timeoutMs`. */
async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Webhooks: signed, filtered, retried, recorded and counted, and never in the pipeline's way. */
describe('webhooks', () => {
  const receiver = new Receiver();
  const generator = new GatedService('/generate', {
    job_id: 'gated',
    stems: { piano: '/stems/p.wav' },
  });
  const { env, app } = useOrchestrator({
    helpers: [receiver, generator],
    env: () => ({
      SOUND_GENERATION_URL: generator.url,
      WEBHOOK_SECRET: SECRET,
      // Receiver passwords are stored only encrypted (test/webhook-credentials.e2e.ts).
      WEBHOOK_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_RETRY_DELAYS_MS: '100,200',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      // Long enough that a hanging receiver is still hanging when its job has finished.
      WEBHOOK_TIMEOUT_MS: '30000',
    }),
    beforeTeardown: () => receiver.releaseHeld(),
  });

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'a chill lo-fi beat, 100 bpm',
      ...body,
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.job_id;
  }

  async function storedEvents(jobId: string, types?: string[]): Promise<string[]> {
    const rows = await env.sql<{ id: string }>(
      `SELECT id::text AS id FROM job_events
        WHERE job_id = $1 AND ($2::text[] IS NULL OR type = ANY($2)) ORDER BY job_events.id`,
      [jobId, types ?? null],
    );
    return rows.map((r) => r.id);
  }

  async function webhooksOf(jobId: string): Promise<JobWebhooks> {
    const res = await requestJson<JobWebhooks>(`${app.url}/jobs/${jobId}/webhooks`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  /** Waits until every delivery of the job has left PENDING and there are `count` of them. */
  function settledDeliveries(jobId: string, count: number): Promise<Delivery[]> {
    return eventually(async () => {
      const { deliveries } = await webhooksOf(jobId);
      const settled =
        deliveries.length === count && deliveries.every((d) => d.status !== 'PENDING');
      return settled ? deliveries : undefined;
    }, `${count} settled deliveries of job ${jobId}`);
  }

  async function deliveryMetrics(): Promise<Record<string, number>> {
    const res = await fetch(`${app.url}/metrics`);
    const text = await res.text();
    const counts: Record<string, number> = { delivered: 0, retrying: 0, failed: 0 };
    for (const [, outcome, value] of text.matchAll(
      /^orchestrator_webhook_deliveries_total\{outcome="(\w+)"\} (\d+)$/gm,
    )) {
      counts[outcome] = Number(value);
    }
    return counts;
  }

  async function jobCount(): Promise<number> {
    const [row] = await env.sql<{ n: number }>('SELECT count(*)::int AS n FROM jobs');
    return row.n;
  }

  it('delivers signed events of the chosen types only, and shows them at GET /jobs/{id}/webhooks', async () => {
    const url = receiver.on('/hooks/chosen', () => ({ status: 204 }));
    const types = ['job.status', 'step.succeeded'];
    const jobId = await create({ webhook_url: url, webhook_events: types });
    assert.equal((await waitForJob(app.url, jobId)).status, 'SUCCESS');
    const wanted = await storedEvents(jobId, types);
    assert.equal(wanted.length, 7, 'PENDING, PROCESSING, SUCCESS and four steps succeeded');
    const deliveries = await settledDeliveries(jobId, wanted.length);

    const received = receiver.forJob(jobId);
    assert.deepEqual(
      received.map((r) => r.headers['webhook-id']).sort(),
      wanted.map((id) => `msg_${id}`).sort(),
      'one request per chosen event, none for the other types',
    );
    for (const r of received) {
      assert.ok(signatureIsValid(r, SECRET), `signature of ${r.body}`);
      assert.ok(!signatureIsValid(r, `whsec_${randomBytes(32).toString('base64')}`));
      assert.equal(r.path, '/hooks/chosen');
      assert.match(String(r.headers['content-type']), /^application\/json/);
      const age = Date.now() / 1000 - Number(r.headers['webhook-timestamp']);
      assert.ok(Math.abs(age) < 300, 'webhook-timestamp is the current time in seconds');
      assert.ok(types.includes(r.parsed.type));
      assert.ok(!Number.isNaN(Date.parse(r.parsed.timestamp)));
      assert.deepEqual(Object.keys(r.parsed), ['type', 'timestamp', 'data']);
    }
    const statuses = received
      .filter((r) => r.parsed.type === 'job.status')
      .map((r) => r.parsed.data.status)
      .sort();
    assert.deepEqual(statuses, ['PENDING', 'PROCESSING', 'SUCCESS']);

    const view = await webhooksOf(jobId);
    assert.equal(view.webhook_url, url);
    assert.deepEqual(view.webhook_events, types);
    assert.deepEqual(
      deliveries.map((d) => [d.id, d.event_id, d.status, d.attempts, d.last_status_code]),
      wanted.map((id) => [`msg_${id}`, Number(id), 'DELIVERED', 1, 204]),
    );
    for (const d of deliveries) {
      assert.ok(d.delivered_at);
      assert.equal(d.last_error, null);
      assert.equal(d.next_attempt_at, null);
    }
  });

  it('delivers every event type when webhook_events is omitted; a job without a webhook has none', async () => {
    receiver.on('/hooks/all', () => ({ status: 200 }));
    // Credentials in the URL are for a receiver behind HTTP Basic auth.
    const url = `${receiver.url.replace('//', '//hook-user:s3cr%40t@')}/hooks/all`;
    const jobId = await create({ webhook_url: url });
    await waitForJob(app.url, jobId);
    const all = await storedEvents(jobId);
    const deliveries = await settledDeliveries(jobId, all.length);
    assert.ok(deliveries.every((d) => d.status === 'DELIVERED'));
    const received = receiver.forJob(jobId);
    assert.deepEqual(
      received.map((r) => r.headers['webhook-id']).sort(),
      all.map((id) => `msg_${id}`).sort(),
    );
    const basic = `Basic ${Buffer.from('hook-user:s3cr@t').toString('base64')}`;
    assert.ok(received.every((r) => r.headers.authorization === basic && r.path === '/hooks/all'));
    const view = await webhooksOf(jobId);
    assert.equal(view.webhook_events, null);
    assert.equal(view.webhook_url, url.replace('s3cr%40t', '***'), 'the password is not shown');

    const plain = await create({});
    await waitForJob(app.url, plain);
    assert.deepEqual(await webhooksOf(plain), {
      job_id: plain,
      webhook_url: null,
      webhook_events: null,
      deliveries: [],
    });
    const missing = await requestJson(`${app.url}/jobs/${randomUUID()}/webhooks`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { detail: 'Job not found' });
  });

  it('retries a delivery the receiver answered 500, records both attempts, and counts them in /metrics', async () => {
    const before = await deliveryMetrics();
    const url = receiver.on('/hooks/flaky', (attempt) =>
      attempt === 1 ? { status: 500, body: 'database is restarting' } : { status: 200 },
    );
    const jobId = await create({ webhook_url: url, webhook_events: ['job.status'] });
    await waitForJob(app.url, jobId);
    const deliveries = await settledDeliveries(jobId, 3);
    for (const d of deliveries) {
      assert.equal(d.status, 'DELIVERED');
      assert.equal(d.attempts, 2);
      assert.equal(d.last_status_code, 200);
      assert.equal(d.last_error, null);
    }
    const received = receiver.forJob(jobId);
    assert.equal(received.length, 6, 'two requests per event');
    for (const d of deliveries) {
      const attempts = received.filter((r) => r.headers['webhook-id'] === d.id);
      assert.equal(attempts.length, 2);
      assert.equal(attempts[0].body, attempts[1].body, 'a retry sends the same body');
      assert.ok(attempts.every((r) => signatureIsValid(r, SECRET)));
    }
    await eventually(async () => {
      const now = await deliveryMetrics();
      const delta = {
        delivered: now.delivered - before.delivered,
        retrying: now.retrying - before.retrying,
        failed: now.failed - before.failed,
      };
      return delta.delivered === 3 && delta.retrying === 3 && delta.failed === 0
        ? delta
        : undefined;
    }, 'orchestrator_webhook_deliveries_total to count 3 retrying and 3 delivered');
  });

  it('gives up after the retry schedule, or at once on 410 Gone, and says why', async () => {
    const before = await deliveryMetrics();
    const down = receiver.on('/hooks/down', () => ({ status: 503, body: 'maintenance' }));
    const gone = receiver.on('/hooks/gone', () => ({ status: 410 }));
    // Redirects are not followed: the target was never checked by the SSRF guard.
    const moved = receiver.on('/hooks/moved', () => ({
      status: 307,
      headers: { location: `${receiver.url}/hooks/elsewhere` },
    }));
    const downJob = await create({ webhook_url: down, webhook_events: ['job.status'] });
    const goneJob = await create({ webhook_url: gone, webhook_events: ['job.status'] });
    const movedJob = await create({ webhook_url: moved, webhook_events: ['job.status'] });
    for (const d of await settledDeliveries(downJob, 3)) {
      assert.equal(d.status, 'FAILED');
      assert.equal(d.attempts, 3, 'the first attempt and the two retries of the schedule');
      assert.equal(d.last_status_code, 503);
      assert.match(
        d.last_error ?? '',
        /^receiver answered 503 Service Unavailable \(gave up after 3 attempts\)$/,
      );
      assert.equal(d.next_attempt_at, null);
      assert.equal(d.delivered_at, null);
    }
    for (const d of await settledDeliveries(goneJob, 3)) {
      assert.equal(d.status, 'FAILED');
      assert.equal(d.attempts, 1);
      assert.equal(d.last_status_code, 410);
      assert.match(d.last_error ?? '', /the receiver wants no more deliveries/);
    }
    for (const d of await settledDeliveries(movedJob, 3)) {
      assert.equal(d.status, 'FAILED');
      assert.equal(d.last_status_code, 307);
    }
    assert.ok(!receiver.received.some((r) => r.path === '/hooks/elsewhere'));
    assert.equal((await waitForJob(app.url, downJob)).status, 'SUCCESS', 'the job is unaffected');
    await eventually(async () => {
      const now = await deliveryMetrics();
      return now.failed - before.failed === 9 && now.retrying - before.retrying === 12
        ? now
        : undefined;
    }, 'orchestrator_webhook_deliveries_total to count 9 failed and 12 retrying');
  });

  it('runs the job to SUCCESS while the receiver hangs, and delivers once it answers', async () => {
    const url = receiver.on('/hooks/hang', () => 'hang');
    generator.hold();
    const jobId = await create({ webhook_url: url });
    await eventually(
      () => (receiver.held.length > 0 ? true : undefined),
      'the receiver to hold a delivery',
    );
    // Everything after this point of the job runs while a delivery hangs.
    generator.release();
    const job = await waitForJob(app.url, jobId, undefined, 10_000);
    assert.equal(job.status, 'SUCCESS');
    assert.ok(
      receiver.held.length > 0 && receiver.held.every((res) => !res.writableEnded),
      'the receiver is still hanging',
    );
    const view = await webhooksOf(jobId);
    assert.ok(
      view.deliveries.every((d) => d.status === 'PENDING' && d.delivered_at === null),
      'nothing was delivered while the job ran to the end',
    );
    receiver.releaseHeld();
    const all = await storedEvents(jobId);
    const deliveries = await settledDeliveries(jobId, all.length);
    assert.ok(deliveries.every((d) => d.status === 'DELIVERED'));
  });

  it('refuses bad webhook input with a 400 naming the field, storing nothing', async () => {
    const before = await jobCount();
    const ok = `${receiver.url}/hooks/any`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { webhook_url: 'ftp://example.com/hook' },
        'webhook_url',
        /webhook_url must be an absolute http\(s\) URL/,
      ],
      [
        { webhook_url: 'javascript:alert(1)' },
        'webhook_url',
        /webhook_url must be an absolute http\(s\) URL/,
      ],
      [
        { webhook_url: '/relative/hook' },
        'webhook_url',
        /webhook_url must be an absolute http\(s\) URL/,
      ],
      [{ webhook_url: 42 }, 'webhook_url', /webhook_url/],
      [
        { webhook_url: ok, webhook_events: ['job.status', 'job.finished'] },
        'webhook_events',
        /webhook_events has unknown event type "job.finished"; known types: job.status/,
      ],
      [{ webhook_url: ok, webhook_events: [] }, 'webhook_events', /at least one event type/],
      [{ webhook_url: ok, webhook_events: 'job.status' }, 'webhook_events', /must be an array/],
      [{ webhook_events: ['job.status'] }, 'webhook_events', /needs a webhook_url/],
    ];
    for (const [body, field, message] of cases) {
      const res = await postJson<{ detail: string; errors?: { field: string; message: string }[] }>(
        `${app.url}/create-track`,
        { prompt: 'ok', ...body },
      );
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.detail, message, JSON.stringify(res.body));
      assert.ok(
        res.body.errors?.some((e) => e.field === field),
        `${JSON.stringify(res.body)} names ${field}`,
      );
    }
    assert.equal(await jobCount(), before);
  });
});

/** The SSRF guard at the API: private destinations are refused unless allow-listed. */
describe('outbound URL guard on create-track', () => {
  const receiver = new Receiver();
  // Each test starts its own app.
  const { env } = useOrchestrator({ stub: false, app: false, helpers: [receiver] });

  for (const allowlist of ['', '10.0.0.0/8']) {
    it(`refuses loopback, private and link-local URLs with OUTBOUND_URL_ALLOWLIST="${allowlist}"`, async () => {
      // API only, with no worker: whatever is accepted stays PENDING and calls nothing.
      const app = await startApp(env, {
        APP_ROLE: 'api',
        OUTBOUND_URL_ALLOWLIST: allowlist,
        WEBHOOK_SECRET: SECRET,
      });
      try {
        const port = new URL(receiver.url).port;
        const cases: [string, string, RegExp][] = [
          ['webhook_url', `http://127.0.0.1:${port}/hooks`, /a loopback address \(127\.0\.0\.1\)/],
          [
            'webhook_url',
            `http://localhost:${port}/hooks`,
            /a loopback address \((127\.0\.0\.1|::1)\)/,
          ],
          ['webhook_url', `http://[::1]:${port}/hooks`, /a loopback address \(::1\)/],
          ['webhook_url', 'http://169.254.169.254/latest/meta-data', /a link-local address/],
          ['webhook_url', 'https://192.168.1.20/hooks', /a private address \(192\.168\.1\.20\)/],
          ['webhook_url', `http://[::ffff:127.0.0.1]:${port}/hooks`, /webhook_url/],
          ['reference_track_url', `http://127.0.0.1:${port}/ref.wav`, /a loopback address/],
          ['reference_track_url', `http://localhost:${port}/ref.wav`, /a loopback address/],
        ];
        for (const [field, url, message] of cases) {
          const res = await postJson<{ detail: string; errors?: { field: string }[] }>(
            `${app.url}/create-track`,
            { prompt: 'ok', [field]: url },
          );
          assert.equal(res.status, 400, `${url}: ${JSON.stringify(res.body)}`);
          assert.match(res.body.detail, new RegExp(`^${field}`), JSON.stringify(res.body));
          assert.match(res.body.detail, message);
          assert.deepEqual(
            res.body.errors?.map((e) => e.field),
            [field],
          );
        }
        const [{ n }] = await env.sql<{ n: number }>('SELECT count(*)::int AS n FROM jobs');
        assert.equal(n, 0, 'nothing is stored for a refused request');
        assert.equal(receiver.received.length, 0, 'nothing is called');

        if (allowlist) {
          // The allow-listed network is accepted (and nothing is sent to it by the API).
          const res = await postJson(`${app.url}/create-track`, {
            prompt: 'ok',
            webhook_url: 'http://10.20.30.40/hooks',
          });
          assert.equal(res.status, 202, JSON.stringify(res.body));
          await env.sql('DELETE FROM jobs');
        }
      } finally {
        await app.stop();
      }
    });
  }

  it('refuses, while the job runs, a redirect or a connection to an address the allow-list does not permit', async () => {
    const stubs = new ContractStub();
    const internal = new Receiver();
    await stubs.start();
    await internal.start();
    // Only the name "localhost" is allowed; 127.0.0.1 as such is not.
    const app = await startApp(env, {
      ...stubs.env(),
      OUTBOUND_URL_ALLOWLIST: 'localhost',
      WEBHOOK_SECRET: SECRET,
    });
    try {
      const port = new URL(receiver.url).port;
      receiver.on('/ref.wav', () => ({
        status: 302,
        headers: { location: `${internal.url}/ref.wav` },
      }));
      receiver.on('/hooks/named', () => ({ status: 204 }));
      const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
        prompt: 'ok',
        reference_track_url: `http://localhost:${port}/ref.wav`,
        webhook_url: `http://localhost:${port}/hooks/named`,
        webhook_events: ['job.status'],
      });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      const job = await waitForJob(app.url, res.body.job_id);
      assert.equal(job.status, 'FAILURE');
      assert.equal(job.error?.step, 'analyze_style');
      assert.match(
        job.error?.message ?? '',
        /reference_track_url .*loopback address \(127\.0\.0\.1\)/,
      );
      const analyze = job.steps.find((step) => step.name === 'analyze_style');
      assert.equal(analyze?.attempts, 1, 'a refusal is permanent: retrying cannot help');
      assert.equal(internal.received.length, 0, 'the redirect target was never called');
      assert.equal(stubs.callsTo('analyze').length, 0);
      // A host allowed by name is reached, by the webhook sender too.
      await eventually(
        () => (receiver.forJob(res.body.job_id).length === 3 ? true : undefined),
        'the three job.status deliveries to the allow-listed name',
      );
      assert.ok(receiver.forJob(res.body.job_id).every((r) => r.path === '/hooks/named'));
    } finally {
      await app.stop();
      await internal.stop();
      await stubs.stop();
    }
  });
});

/** Without WEBHOOK_SECRET no receiver could verify a delivery, so none is promised. */
describe('webhooks on a server without WEBHOOK_SECRET', () => {
  const receiver = new Receiver();
  // API only: an accepted job stays PENDING, so only the API's answer is tested.
  const { env, app } = useOrchestrator({
    stub: false,
    helpers: [receiver],
    env: { APP_ROLE: 'api' },
  });

  it('refuses webhook_url with a 400 naming it and the missing secret, and takes jobs without one', async () => {
    const refused = await postJson<{ detail: string; errors?: { field: string }[] }>(
      `${app.url}/create-track`,
      { prompt: 'ok', webhook_url: `${receiver.url}/hooks/any`, webhook_events: ['job.status'] },
    );
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.match(refused.body.detail, /^webhook_url .*no WEBHOOK_SECRET configured/);
    assert.deepEqual(
      refused.body.errors?.map((e) => e.field),
      ['webhook_url'],
    );
    const [{ n }] = await env.sql<{ n: number }>('SELECT count(*)::int AS n FROM jobs');
    assert.equal(n, 0, 'nothing is stored for a refused request');
    const plain = await postJson(`${app.url}/create-track`, { prompt: 'ok', webhook_url: null });
    assert.equal(plain.status, 202, JSON.stringify(plain.body));
    assert.equal(receiver.received.length, 0);
  });
});
