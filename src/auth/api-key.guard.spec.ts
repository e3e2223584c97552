import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyCache } from './api-key-cache';
import { Authenticator, isLoopback, proxyHeaderOf } from './api-key.guard';
import { LOCAL_PRINCIPAL } from './principal';

/** Loopback-only mode, decided from the request alone (no key exists). */
describe('authenticator without API keys', () => {
  const noKeys = { keysConfigured: () => Promise.resolve(false) } as unknown as ApiKeyCache;
  const authenticator = new Authenticator(noKeys);
  const request = (ip: string, headers: Record<string, string> = {}) =>
    ({ ip, headers }) as unknown as FastifyRequest;

  it('tells loopback addresses from others', () => {
    for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      assert.ok(isLoopback(ip), ip);
    for (const ip of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1', '0.0.0.0'])
      assert.ok(!isLoopback(ip), ip);
  });

  it('lets a loopback client in as the local admin and refuses a client on another address', async () => {
    assert.deepEqual(await authenticator.authenticate(request('127.0.0.1')), LOCAL_PRINCIPAL);
    await assert.rejects(
      authenticator.authenticate(request('203.0.113.7')),
      (error: unknown) =>
        error instanceof UnauthorizedException &&
        /only loopback clients are accepted/.test(JSON.stringify(error.getResponse())),
    );
  });

  it('tells a request that came through a proxy, CDN or load balancer by any of their headers', () => {
    for (const name of [
      'via',
      'true-client-ip',
      'cf-connecting-ip',
      'x-client-ip',
      'x-forwarded-host',
      'x-cluster-client-ip',
      'fastly-client-ip',
      'akamai-client-ip',
      'x-appengine-user-ip',
    ])
      assert.equal(proxyHeaderOf(request('127.0.0.1', { [name]: '203.0.113.7' })), name);
    for (const name of ['x-request-id', 'idempotency-key', 'user-agent', 'origin'])
      assert.equal(proxyHeaderOf(request('127.0.0.1', { [name]: 'x' })), undefined, name);
  });
});
