import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '../config/app-config';
import { parseOutboundAllowlist } from './outbound-allowlist';
import { OutboundUrlGuard, OutboundUrlRefusedError } from './outbound-url-guard';

function guardWith(allowlist: string): OutboundUrlGuard {
  return new OutboundUrlGuard({
    outboundUrlAllowlist: parseOutboundAllowlist(allowlist),
  } as AppConfig);
}

describe('OutboundUrlGuard', () => {
  it('refuses loopback by literal and by name, naming the field', async () => {
    const guard = guardWith('10.0.0.0/8');
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://[::1]/x',
      'http://0x7f.1/x',
      'http://localhost/x',
    ]) {
      await assert.rejects(
        guard.assertAllowed(url, 'webhook_url'),
        (error: unknown) =>
          error instanceof OutboundUrlRefusedError &&
          error.field === 'webhook_url' &&
          /^webhook_url resolves to a loopback address/.test(error.message),
        url,
      );
    }
    await guard.assertAllowed('http://10.1.1.1/x', 'webhook_url');
    await assert.rejects(
      guard.assertAllowed('ftp://10.1.1.1/x', 'webhook_url'),
      /absolute http\(s\) URL/,
    );
  });

  it('refuses at connect time a name that resolves to a private address', async () => {
    const lookup = guardWith('').connectLookup('webhook_url');
    const error = await new Promise<unknown>((resolve) =>
      lookup('localhost', { all: true }, (err) => resolve(err)),
    );
    assert.ok(error instanceof OutboundUrlRefusedError, String(error));
    assert.match(error.message, /webhook_url host "localhost" resolves to a loopback address/);
    const allowed = await new Promise<unknown>((resolve) =>
      guardWith('127.0.0.0/8,::1').connectLookup('webhook_url')(
        'localhost',
        { all: true },
        (err, addresses) => resolve(err ?? addresses),
      ),
    );
    assert.ok(Array.isArray(allowed) && allowed.length > 0, String(allowed));
  });

  it('refuses at connect time an address literal, which no lookup sees (a redirect target)', async () => {
    const connect = guardWith('localhost').connector('reference_track_url', 1_000);
    const error = await new Promise<unknown>((resolve) =>
      connect(
        { hostname: '127.0.0.1', host: '127.0.0.1:9', protocol: 'http:', port: '9' },
        (...args) => resolve(args[0]),
      ),
    );
    assert.ok(error instanceof OutboundUrlRefusedError, String(error));
    assert.equal(error.field, 'reference_track_url');
    assert.match(error.message, /host "127\.0\.0\.1" resolves to a loopback address/);
  });
});
