import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { before, describe, it } from 'node:test';
import { EMBEDDED_SERVICES_PATH } from '../src/embedded-services/embedded-services.controller';
import { createKey } from './support/api-key-cli';
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

const ARTIFACT_URL_SECRET = 'test-artifact-url-secret-0123456789abcdef';

interface JobAnswer {
  status: string;
  result: { final_track_url?: string } | null;
}

/** Polls a job with a key until it is finished; its view, as the key sees it. */
async function finishedJob(url: string, jobId: string, key: string): Promise<JobAnswer> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await requestJson<JobAnswer>(`${url}/jobs/${jobId}`, {
      headers: { 'x-api-key': key },
    });
    if (['SUCCESS', 'FAILURE', 'CANCELLED'].includes(res.body.status)) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish in 30 s`);
}

async function createJob(url: string, key: string): Promise<string> {
  const created = await postJson<{ job_id: string }>(
    `${url}/create-track`,
    { prompt: 'Warm lo-fi with piano and drums, 90 bpm.' },
    { 'x-api-key': key },
  );
  assert.equal(created.status, 202, JSON.stringify(created.body));
  return created.body.job_id;
}

/** Every link a key gets for a job: its final track and its artifacts. */
async function linksOf(url: string, jobId: string, key: string, host: string): Promise<string[]> {
  const headers = { host, 'x-api-key': key };
  const job = await send(url, `/jobs/${jobId}`, { headers });
  assert.equal(job.status, 200, JSON.stringify(job.body));
  const list = await send(url, '/jobs', { headers });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const artifacts = await send(url, `/jobs/${jobId}/artifacts`, { headers });
  assert.equal(artifacts.status, 200, JSON.stringify(artifacts.body));
  const listed = (list.body.items as { job_id: string; result: JobAnswer['result'] }[]).find(
    (item) => item.job_id === jobId,
  );
  return [
    String((job.body.result as JobAnswer['result'])?.final_track_url),
    String(listed?.result?.final_track_url),
    ...(artifacts.body.artifacts as { url: string }[]).map((artifact) => artifact.url),
  ];
}

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

describe('links with API keys: built on PUBLIC_BASE_URL or an allowed Host, never another', () => {
  let alice: string;
  let jobId: string;
  const harness = useOrchestrator({
    stub: false,
    beforeStart: async () => {
      alice = await createKey(harness.env, 'alice');
    },
    env: { ARTIFACT_URL_SECRET, ALLOWED_HOSTS: 'studio.example.com' },
  });
  const { app } = harness;

  before(async () => {
    jobId = await createJob(app.url, alice);
    assert.equal((await finishedJob(app.url, jobId, alice)).status, 'SUCCESS');
  });

  it('gives no link, signed or not, on a Host the client made up', async () => {
    for (const path of [`/jobs/${jobId}`, '/jobs', `/jobs/${jobId}/artifacts`]) {
      const res = await send(app.url, path, {
        headers: { host: 'attacker.example', 'x-api-key': alice },
      });
      assert.equal(res.status, 421, path);
      assert.ok(!JSON.stringify(res.body).includes('/artifacts/'), JSON.stringify(res.body));
    }
  });

  it('builds signed links on the allowed Host the client used, and they download', async () => {
    const links = await linksOf(app.url, jobId, alice, 'studio.example.com:8443');
    assert.ok(links.length >= 4, JSON.stringify(links));
    for (const link of links) {
      assert.match(link, /^http:\/\/studio\.example\.com:8443\/artifacts\/.+[?&]signature=/);
      const { pathname, search } = new URL(link);
      assert.equal((await fetch(`${app.url}${pathname}${search}`)).status, 200, link);
    }
  });

  it('builds every link on PUBLIC_BASE_URL when it is set, whichever allowed Host was used', async () => {
    const behindProxy = await harness.startApp(
      { APP_ROLE: 'api', ARTIFACT_URL_SECRET, PUBLIC_BASE_URL: 'https://music.example.com/' },
      { stub: false },
    );
    for (const host of [`127.0.0.1:${portOf(behindProxy.url)}`, 'music.example.com']) {
      const links = await linksOf(behindProxy.url, jobId, alice, host);
      for (const link of links)
        assert.match(link, /^https:\/\/music\.example\.com\/artifacts\/.+[?&]signature=/, host);
    }
  });
});

/** An IPv4 address of this machine other than loopback, if it has one. */
function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;
}

describe("HOST set to one of this machine's non-loopback addresses", () => {
  let alice: string;
  const harness = useOrchestrator({
    stub: false,
    app: false,
    beforeStart: async () => {
      alice = await createKey(harness.env, 'alice');
    },
  });
  const address = nonLoopbackAddress();

  it(
    'answers to that address, where its workers reach their embedded services',
    { skip: address === undefined ? 'no non-loopback IPv4 address here' : false },
    async () => {
      const server = await harness.startApp({ HOST: address ?? '' }, { stub: false });
      assert.equal(new URL(server.url).hostname, address);
      const jobId = await createJob(server.url, alice);
      const job = await finishedJob(server.url, jobId, alice);
      assert.equal(job.status, 'SUCCESS', JSON.stringify(job));
      assert.ok(
        job.result?.final_track_url?.startsWith(`${server.url}/artifacts/`),
        JSON.stringify(job),
      );
    },
  );
});

describe('queue dashboard: changes from its own pages only', () => {
  let admin: string;
  const harness = useOrchestrator({
    stub: false,
    beforeStart: async () => {
      admin = await createKey(harness.env, 'ops', true);
    },
  });
  const { app } = harness;
  const queueApi = () => `${app.url}/admin/queues/api/queues`;
  const basic = () => `Basic ${Buffer.from(`ops:${admin}`).toString('base64')}`;
  const change = (action: 'pause' | 'resume', headers: Record<string, string>) =>
    requestJson(`${queueApi()}/pipeline/${action}`, {
      method: 'PUT',
      headers: { authorization: basic(), ...headers },
    });
  const paused = async () => {
    const res = await requestJson<{ queues: { name: string; isPaused: boolean }[] }>(queueApi(), {
      headers: { authorization: basic() },
    });
    return res.body.queues.find((queue) => queue.name === 'pipeline')?.isPaused;
  };

  it('refuses a change from another origin with 403, though Basic auth carries the admin key', async () => {
    const form = new FormData();
    form.append('name', 'forged');
    form.append('data', '{}');
    const add = await requestJson(`${queueApi()}/pipeline/add`, {
      method: 'POST',
      headers: { authorization: basic(), origin: 'https://evil.example' },
      body: form,
    });
    assert.equal(add.status, 403, JSON.stringify(add.body));
    assert.match(String(add.body.detail), /own pages only.*POST.*Origin "https:\/\/evil\.example"/);
    const forged: Record<string, string>[] = [
      { origin: 'null' },
      { origin: `http://127.0.0.1:${Number(portOf(app.url)) + 1}` },
      { referer: 'https://evil.example/page.html' },
    ];
    for (const headers of forged) {
      const res = await change('pause', headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.match(String(res.body.detail), /own pages only/);
    }
    assert.equal(await paused(), false, 'the forged requests changed nothing');
    const read = await requestJson(queueApi(), {
      headers: { authorization: basic(), origin: 'https://evil.example' },
    });
    assert.equal(
      read.status,
      200,
      'reading is no change (and CORS keeps the answer from the page)',
    );
  });

  it('takes changes from its own pages, and from clients that are no browser page', async () => {
    assert.equal((await change('pause', { origin: app.url })).status, 200);
    assert.equal(await paused(), true);
    assert.equal((await change('resume', { referer: `${app.url}/admin/queues/` })).status, 200);
    assert.equal(await paused(), false);
    assert.equal((await change('pause', {})).status, 200, 'no Origin, no Referer: a script');
    assert.equal((await change('resume', {})).status, 200);
    assert.equal(await paused(), false);
  });
});
