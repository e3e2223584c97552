import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import { EMBEDDED_SERVICES_PATH } from '../src/embedded-services/embedded-services.controller';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { RawConnection } from './support/raw-connection';
import { useOrchestrator } from './support/use-orchestrator';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * Sends a request with any `Host` (fetch forbids setting it): what a browser sends once a
 * page rebinds its own name to this address, or what a client behind a proxy sends.
 */
function send(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = { text };
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON: kept as text for the assertion message
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const portOf = (url: string) => new URL(url).port;

describe('loopback-only mode: forwarding headers and the Host allow-list', () => {
  // No keys: loopback-only mode. No stub: the embedded services run the jobs.
  const harness = useOrchestrator({
    stub: false,
    env: { ALLOWED_HOSTS: 'studio.example.com:8443, Music.Example.org' },
  });
  const { app } = harness;

  it('refuses a request that carries any forwarding header a proxy or CDN adds', async () => {
    assert.equal((await requestJson(`${app.url}/jobs`)).status, 200, 'a direct local client');
    const forwarded = [
      ['via', '1.1 proxy.internal'],
      ['true-client-ip', '203.0.113.7'],
      ['cf-connecting-ip', '203.0.113.7'],
      ['cf-connecting-ipv6', '2001:db8::7'],
      ['x-client-ip', '203.0.113.7'],
      ['x-cluster-client-ip', '203.0.113.7'],
      ['fastly-client-ip', '203.0.113.7'],
      ['x-forwarded-host', 'api.example.com'],
      ['x-forwarded-proto', 'https'],
      ['x-original-forwarded-for', '203.0.113.7'],
      ['x-real-ip', '203.0.113.7'],
      ['forwarded', 'for=203.0.113.7'],
    ];
    for (const [name, value] of forwarded) {
      const res = await requestJson(`${app.url}/jobs`, { headers: { [name]: value } });
      assert.equal(res.status, 401, name);
      assert.match(
        String(res.body.detail),
        new RegExp(`came through a proxy \\(${name} header\\)`),
      );
    }
    const embedded = await postJson(
      `${app.url}/${EMBEDDED_SERVICES_PATH}/prompt-parser/parse`,
      { prompt: 'lo-fi piano' },
      { via: '1.1 proxy.internal' },
    );
    assert.equal(embedded.status, 403);
    assert.match(String(embedded.body.detail), /through a proxy \(via header\)/);
  });

  it('answers 421 to a Host it does not own, before the key check, with or without a body', async () => {
    for (const host of ['attacker.example', `attacker.example:${portOf(app.url)}`, '192.0.2.99']) {
      const res = await send(app.url, '/jobs', { headers: { host } });
      assert.equal(res.status, 421, host);
      assert.equal(res.headers.connection, 'close');
      assert.match(String(res.body.detail), /does not answer to the host/);
      assert.ok(String(res.body.detail).includes(host), String(res.body.detail));
    }
    const create = await send(app.url, '/create-track', {
      method: 'POST',
      headers: { host: 'attacker.example', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'from a rebound page' }),
    });
    assert.equal(create.status, 421);
    const dashboard = await send(app.url, '/admin/queues', {
      headers: { host: 'attacker.example' },
    });
    assert.equal(dashboard.status, 421);
    const noHost = await RawConnection.open(app.url);
    noHost.write('GET /jobs HTTP/1.0\r\n\r\n');
    await noHost.closed;
    assert.equal(/^HTTP\/1\.\d (\d{3})/.exec(noHost.received)?.[1], '421', noHost.received);
    assert.match(noHost.received, /the Host header is missing/);
  });

  it('serves the loopback names on any port, ALLOWED_HOSTS as listed, and health by any name', async () => {
    const port = portOf(app.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST.'])
      assert.equal((await send(app.url, '/jobs', { headers: { host } })).status, 200, host);
    assert.equal(
      (await send(app.url, '/jobs', { headers: { host: 'studio.example.com:8443' } })).status,
      200,
    );
    assert.equal(
      (await send(app.url, '/jobs', { headers: { host: 'studio.example.com:8080' } })).status,
      421,
      'an entry with a port allows that port only',
    );
    assert.equal(
      (await send(app.url, '/jobs', { headers: { host: 'music.example.org:1234' } })).status,
      200,
      'an entry without a port allows any',
    );
    for (const path of ['/health/live', '/health/ready'])
      assert.equal((await send(app.url, path, { headers: { host: '10.1.2.3:3000' } })).status, 200);
  });

  it('runs a job through the embedded services, which its worker calls at its own address', async () => {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'Warm lo-fi with piano and drums, 90 bpm.',
    });
    assert.equal(created.status, 202);
    const job = await waitForJob(app.url, created.body.job_id);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
  });

  it('says in the start-up log that this mode must not sit behind a proxy', async () => {
    const proc = await harness.startProcess('loopback-only', {
      APP_ROLE: 'api',
      LOG_LEVEL: 'info',
    });
    assert.match(proc.output, /No API keys configured: loopback-only mode/);
    assert.match(proc.output, /Do not put this server behind a reverse proxy/);
  });
});
