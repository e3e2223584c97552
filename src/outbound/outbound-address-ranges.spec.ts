import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress } from './outbound-address-ranges';
import { OutboundAllowlist, parseOutboundAllowlist } from './outbound-allowlist';
import { refusalReason } from './outbound-url-guard';

describe('classifyAddress', () => {
  it('names the range of addresses the server must not call', () => {
    const cases: [string, string | undefined][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.0.10', 'private'],
      ['fd12:3456::1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['ff02::1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['not-an-address', 'reserved'],
    ];
    for (const [address, category] of cases)
      assert.equal(classifyAddress(address), category, address);
  });

  it('sees IPv4 addresses carried inside IPv6 forms', () => {
    for (const address of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::1',
    ])
      assert.equal(classifyAddress(address), 'loopback', address);
    assert.equal(classifyAddress('::ffff:10.0.0.1'), 'private');
    assert.equal(classifyAddress('64:ff9b::a9fe:a9fe'), 'link-local');
  });

  it('lets public addresses through', () => {
    for (const address of [
      '8.8.8.8',
      '172.32.0.1',
      '192.169.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ])
      assert.equal(classifyAddress(address), undefined, address);
  });
});

describe('OUTBOUND_URL_ALLOWLIST', () => {
  it('allows listed CIDRs, addresses and host names, and nothing else', () => {
    const list = parseOutboundAllowlist(' 10.0.0.0/8, ::1 ,hooks.internal,*.svc.cluster.local ');
    assert.ok(list.allowsAddress('10.200.3.4'));
    assert.ok(list.allowsAddress('::1'));
    assert.ok(!list.allowsAddress('127.0.0.1'));
    assert.ok(!list.allowsAddress('11.0.0.1'));
    assert.ok(list.allowsHost('hooks.internal'));
    assert.ok(list.allowsHost('HOOKS.internal.'));
    assert.ok(list.allowsHost('api.ns.svc.cluster.local'));
    assert.ok(!list.allowsHost('svc.cluster.local.evil.example'));
    assert.ok(!list.allowsHost('localhost'));
    assert.ok(parseOutboundAllowlist('').isEmpty);
  });

  it('refuses a malformed entry, naming it', () => {
    assert.throws(
      () => parseOutboundAllowlist('10.0.0.0/33,ok.example,bad host,1.2.3.4/x'),
      /"10\.0\.0\.0\/33", "bad host", "1\.2\.3\.4\/x"/,
    );
  });

  it('decides per resolved address: one private address among public ones is refused', () => {
    const empty = OutboundAllowlist.empty;
    assert.equal(refusalReason('webhook_url', 'example.com', ['93.184.216.34'], empty), undefined);
    assert.equal(
      refusalReason('webhook_url', 'mixed.example', ['93.184.216.34', '10.0.0.7'], empty),
      'webhook_url resolves to a private address (10.0.0.7) and is not in OUTBOUND_URL_ALLOWLIST',
    );
    const tenOnly = parseOutboundAllowlist('10.0.0.0/8');
    assert.equal(refusalReason('webhook_url', 'mixed.example', ['10.0.0.7'], tenOnly), undefined);
    assert.match(
      refusalReason('webhook_url', 'localhost', ['127.0.0.1'], tenOnly) ?? '',
      /a loopback address \(127\.0\.0\.1\)/,
    );
  });
});
