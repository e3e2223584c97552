import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostAllowList, parseAllowedHosts, parseHostHeader } from './allowed-hosts';

describe('Host allow-list', () => {
  it('reads host[:port] values and refuses anything else', () => {
    assert.deepEqual(parseHostHeader('API.Example.com.:8443'), {
      name: 'api.example.com',
      port: 8443,
    });
    assert.deepEqual(parseHostHeader('[::1]:3000'), { name: '[::1]', port: 3000 });
    for (const bad of [
      '',
      'a b',
      'evil.example/x',
      'user@host',
      'host:0',
      'host:99999',
      '[zz]',
      '::1',
    ])
      assert.equal(parseHostHeader(bad), undefined, bad);
  });

  it('always allows the loopback names and the listening address, then PUBLIC_BASE_URL and ALLOWED_HOSTS', () => {
    const list = HostAllowList.forServer({
      listenHost: '192.0.2.2',
      publicBaseUrl: 'https://Music.example.com/api',
      allowedHosts: parseAllowedHosts('studio.example.com:8443, ::1'),
    });
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:1', '192.0.2.2:3000'])
      assert.ok(list.accepted(host), host);
    assert.ok(list.accepted('music.example.com'));
    assert.ok(list.accepted('studio.example.com:8443'));
    for (const host of ['studio.example.com', 'attacker.example', '192.0.2.3:3000', undefined])
      assert.equal(list.accepted(host), undefined, String(host));
    const wildcard = HostAllowList.forServer({
      listenHost: '0.0.0.0',
      publicBaseUrl: undefined,
      allowedHosts: [],
    });
    assert.equal(wildcard.accepted('0.0.0.0:3000'), undefined);
  });

  it('names a malformed ALLOWED_HOSTS entry', () => {
    assert.throws(
      () => parseAllowedHosts('ok.example.com, https://bad.example.com'),
      /https:\/\/bad/,
    );
  });
});
