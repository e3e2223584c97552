import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '../config/app-config';
import { parseOutboundAllowlist } from './outbound-allowlist';
import { OutboundUrlGuard, OutboundUrlRefusedError, refusalReason } from './outbound-url-guard';

describe('OUTBOUND_URL_ALLOWLIST with ports', () => {
  it('allows a host, an address or an IPv6 address on its listed port only', () => {
    const list = parseOutboundAllowlist(
      'hooks.internal:8443,*.svc.local:80,127.0.0.1:9000,[::1]:9001',
    );
    assert.ok(list.allowsHost('hooks.internal', 8443));
    assert.ok(!list.allowsHost('hooks.internal', 443));
    assert.ok(!list.allowsHost('hooks.internal'), 'a check without a port: any-port entries only');
    assert.ok(list.allowsHost('api.svc.local', 80));
    assert.ok(!list.allowsHost('api.svc.local', 8080));
    assert.ok(list.allowsAddress('127.0.0.1', 9000));
    assert.ok(!list.allowsAddress('127.0.0.1', 9001));
    assert.ok(list.allowsAddress('::1', 9001));
    assert.ok(!list.allowsAddress('::1', 9000));
  });

  it('keeps an entry without a port, and a CIDR, meaning every port', () => {
    const list = parseOutboundAllowlist('hooks.internal,10.0.0.0/8,::1,[fd00::1]');
    for (const port of [80, 443, 9000]) {
      assert.ok(list.allowsHost('hooks.internal', port));
      assert.ok(list.allowsAddress('10.1.2.3', port));
      assert.ok(list.allowsAddress('::1', port));
      assert.ok(list.allowsAddress('fd00::1', port));
    }
  });

  it('refuses a malformed port, a port on a CIDR, and brackets around a name', () => {
    assert.throws(
      () =>
        parseOutboundAllowlist(
          'ok.example:443,a.example:0,b.example:65536,c.example:x,10.0.0.0/8:443,[hooks.internal]:80,1.2.3.4:',
        ),
      (error: unknown) => {
        const message = (error as Error).message;
        for (const bad of [
          'a.example:0',
          'b.example:65536',
          'c.example:x',
          '10.0.0.0/8:443',
          '[hooks.internal]:80',
          '1.2.3.4:',
        ])
          assert.ok(message.includes(`"${bad}"`), `${bad} in ${message}`);
        assert.ok(!message.includes('"ok.example:443"'));
        return true;
      },
    );
  });

  it('says which port a refusal is about when the list names ports', () => {
    const list = parseOutboundAllowlist('127.0.0.1:9000');
    assert.equal(refusalReason('webhook_url', '127.0.0.1', ['127.0.0.1'], list, 9000), undefined);
    assert.equal(
      refusalReason('webhook_url', '127.0.0.1', ['127.0.0.1'], list, 9001),
      'webhook_url resolves to a loopback address (127.0.0.1) on port 9001 and is not in OUTBOUND_URL_ALLOWLIST',
    );
  });

  it('checks the port of the URL at create time, 80 and 443 when it names none', async () => {
    const guard = new OutboundUrlGuard({
      outboundUrlAllowlist: parseOutboundAllowlist('127.0.0.1:9000,localhost:443'),
    } as AppConfig);
    await guard.assertAllowed('http://127.0.0.1:9000/x', 'webhook_url');
    await guard.assertAllowed('https://localhost/x', 'webhook_url');
    for (const url of ['http://127.0.0.1:9001/x', 'http://127.0.0.1/x', 'http://localhost/x'])
      await assert.rejects(
        guard.assertAllowed(url, 'webhook_url'),
        (error: unknown) => error instanceof OutboundUrlRefusedError,
        url,
      );
  });

  it('checks the port at connect time, for a name and for an address literal', async () => {
    const guard = new OutboundUrlGuard({
      outboundUrlAllowlist: parseOutboundAllowlist('localhost:9000,127.0.0.1:9000'),
    } as AppConfig);
    const connect = guard.connector('reference_track_url', 1_000);
    for (const hostname of ['127.0.0.1', 'localhost']) {
      const error = await new Promise<unknown>((resolve) =>
        connect(
          { hostname, host: `${hostname}:9001`, protocol: 'http:', port: '9001' },
          (...args) => resolve(args[0]),
        ),
      );
      assert.ok(error instanceof OutboundUrlRefusedError, `${hostname}: ${String(error)}`);
      assert.match(error.message, /on port 9001 and is not in OUTBOUND_URL_ALLOWLIST/);
    }
  });
});
