import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const CREDENTIALS_KEY = randomBytes(32).toString('base64');
const PASSWORD = 'pa$$-word-42';
const ENCODED_PASSWORD = encodeURIComponent(PASSWORD);

/** A receiver behind HTTP Basic auth: records the Authorization header of each delivery. */
class BasicAuthReceiver {
  readonly received: IncomingHttpHeaders[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.received.push(req.headers);
      req.resume().on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  async firstDelivery(): Promise<IncomingHttpHeaders> {
    for (let waited = 0; this.received.length === 0 && waited < 20_000; waited += 50)
      await sleep(50);
    assert.ok(this.received[0], 'a delivery arrived');
    return this.received[0];
  }
}

describe('webhook Basic-auth passwords are encrypted at rest and never shown', () => {
  const receiver = new BasicAuthReceiver();
  const harness = useOrchestrator({
    helpers: [receiver],
    env: { WEBHOOK_SECRET: SECRET, WEBHOOK_CREDENTIALS_KEY: CREDENTIALS_KEY },
  });
  const { env, app } = harness;
  const hookUrl = () => `${receiver.url.replace('//', `//hook-user:${ENCODED_PASSWORD}@`)}/hooks`;
  let jobId = '';

  it('sends the password to the receiver as Basic auth', async () => {
    const created = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'behind basic auth', webhook_url: hookUrl() },
      { 'idempotency-key': 'basic-1' },
    );
    assert.equal(created.status, 202);
    jobId = created.body.job_id;
    await waitForJob(app.url, jobId);
    const headers = await receiver.firstDelivery();
    const basic = `Basic ${Buffer.from(`hook-user:${PASSWORD}`).toString('base64')}`;
    assert.equal(headers.authorization, basic);
  });

  it('stores no password in jobs or webhook_deliveries, nor anything it can be guessed from', async () => {
    const stored = await env.sql<{ text: string }>(
      `SELECT webhook_url AS text FROM jobs WHERE id = $1
       UNION ALL SELECT url FROM webhook_deliveries WHERE job_id = $1
       UNION ALL SELECT request_fingerprint FROM jobs WHERE id = $1`,
      [jobId],
    );
    assert.ok(stored.length >= 3);
    for (const { text } of stored) {
      assert.ok(!text.includes(PASSWORD) && !text.includes(ENCODED_PASSWORD), text);
    }
    assert.match(stored[0].text, /^http:\/\/hook-user:whc1\.[\w-]+@127\.0\.0\.1:\d+\/hooks$/);
  });

  it('never echoes the password, plain or sealed, in webhook or job views', async () => {
    const views = [`/jobs/${jobId}/webhooks`, `/jobs/${jobId}`, '/jobs'];
    for (const path of views) {
      const res = await fetch(`${app.url}${path}`);
      assert.equal(res.status, 200);
      const text = await res.text();
      for (const secret of [PASSWORD, ENCODED_PASSWORD, 'whc1.'])
        assert.ok(!text.includes(secret), `${path} shows ${secret}`);
    }
    const webhooks = await requestJson(`${app.url}/jobs/${jobId}/webhooks`);
    assert.equal(webhooks.body.webhook_url, hookUrl().replace(ENCODED_PASSWORD, '***'));
  });

  it('still recognises a repeated request by its Idempotency-Key', async () => {
    const again = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'behind basic auth', webhook_url: hookUrl() },
      { 'idempotency-key': 'basic-1' },
    );
    assert.equal(again.body.job_id, jobId);
    const otherPassword = await postJson(
      `${app.url}/create-track`,
      { prompt: 'behind basic auth', webhook_url: hookUrl().replace(ENCODED_PASSWORD, 'other') },
      { 'idempotency-key': 'basic-1' },
    );
    assert.equal(otherPassword.status, 422);
  });

  it('refuses a password it could only store in clear (no WEBHOOK_CREDENTIALS_KEY)', async () => {
    const plainServer = await harness.startApp({ WEBHOOK_SECRET: SECRET, APP_ROLE: 'api' });
    const refused = await postJson(`${plainServer.url}/create-track`, {
      prompt: 'x',
      webhook_url: hookUrl(),
    });
    assert.equal(refused.status, 400);
    assert.match(
      JSON.stringify(refused.body),
      /webhook_url[^"]*WEBHOOK_CREDENTIALS_KEY|WEBHOOK_CREDENTIALS_KEY/,
    );
    const withoutPassword = await postJson(`${plainServer.url}/create-track`, {
      prompt: 'x',
      webhook_url: `${receiver.url}/hooks`,
    });
    assert.equal(withoutPassword.status, 202);
  });
});
