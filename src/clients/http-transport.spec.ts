import assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { HttpTransport, parseRetryAfter, serviceMessage } from './http-transport';
import { CallAbortedError, PermanentServiceError, TransientServiceError } from './service-errors';

describe('error classification', () => {
  let server: Server;
  let base = '';
  const transport = new HttpTransport();
  const identity = (body: unknown) => body;

  before(async () => {
    server = createServer((req, res) => {
      const [, status, extra] = (req.url ?? '').split('/');
      if (status === 'hang') return; // never answers
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (extra === 'retry') headers['retry-after'] = '7';
      res
        .writeHead(Number(status), headers)
        .end(JSON.stringify({ detail: `said ${status}`, ok: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await transport.onModuleDestroy();
  });

  async function failure(path: string, timeoutMs = 2000, signal?: AbortSignal): Promise<unknown> {
    try {
      await transport.postJson('svc', `${base}${path}`, {}, identity, { timeoutMs, signal });
    } catch (error) {
      return error;
    }
    throw new Error('expected a failure');
  }

  it('treats 429 and 5xx as transient, with Retry-After', async () => {
    const busy = await failure('/429/retry');
    assert.ok(busy instanceof TransientServiceError);
    assert.equal(busy.retryAfterMs, 7000);
    assert.ok((await failure('/503')) instanceof TransientServiceError);
  });

  it('treats other 4xx as permanent, with the service message', async () => {
    const bad = await failure('/400');
    assert.ok(bad instanceof PermanentServiceError);
    assert.equal(bad.message, 'svc answered 400: said 400');
    assert.equal(bad.statusCode, 400);
  });

  it('treats a timeout and a refused connection as transient', async () => {
    const slow = await failure('/hang', 100);
    assert.ok(slow instanceof TransientServiceError);
    assert.match(slow.message, /timed out after 100 ms/);
    const refused = await transport
      .postJson('svc', 'http://127.0.0.1:1/x', {}, identity, { timeoutMs: 1000 })
      .catch((error: unknown) => error);
    assert.ok(refused instanceof TransientServiceError);
    assert.match(refused.message, /connection failed/);
  });

  it('reports a caller abort as such, not as a service fault', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new CallAbortedError('cancelled')), 50);
    const aborted = await failure('/hang', 5000, controller.signal);
    assert.ok(aborted instanceof CallAbortedError);
    assert.equal(aborted.reason, 'cancelled');
  });

  it('rejects a malformed body as permanent', async () => {
    const invalid = await transport
      .postJson(
        'svc',
        `${base}/200`,
        {},
        () => {
          throw new Error('tempo must be a number');
        },
        { timeoutMs: 1000 },
      )
      .catch((error: unknown) => error);
    assert.ok(invalid instanceof PermanentServiceError);
    assert.match(invalid.message, /malformed response: tempo must be a number/);
  });
});

describe('serviceMessage and parseRetryAfter', () => {
  it("takes FastAPI's detail, else message or error, else the text", () => {
    assert.equal(serviceMessage('{"detail":"bad prompt"}'), 'bad prompt');
    assert.equal(serviceMessage('{"message":"nope"}'), 'nope');
    assert.equal(
      serviceMessage('{"detail":[{"loc":["body"],"msg":"x"}]}'),
      '[{"loc":["body"],"msg":"x"}]',
    );
    assert.equal(serviceMessage('Bad Gateway'), 'Bad Gateway');
    assert.equal(serviceMessage(''), '(empty body)');
  });

  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});
