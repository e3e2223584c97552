import assert from 'node:assert/strict';
import type { ExecutionContext } from '@nestjs/common';
import { ForbiddenException } from '@nestjs/common';
import { describe, it } from 'node:test';
import { isFromThisHost, LoopbackOnlyGuard } from './loopback-only.guard';

describe('isFromThisHost', () => {
  it('accepts loopback clients whatever address they reached', () => {
    assert.equal(isFromThisHost('127.0.0.1', '127.0.0.1'), true);
    assert.equal(isFromThisHost('127.0.0.5', '192.0.2.2'), true);
    assert.equal(isFromThisHost('::1', '::1'), true);
    assert.equal(isFromThisHost('::ffff:127.0.0.1', '::ffff:127.0.0.1'), true);
  });

  it('accepts a call from this host to one of its own non-loopback addresses (HOST=192.0.2.2)', () => {
    assert.equal(isFromThisHost('192.0.2.2', '192.0.2.2'), true);
    assert.equal(isFromThisHost('::ffff:192.0.2.2', '192.0.2.2'), true);
    assert.equal(isFromThisHost('192.0.2.2', '::ffff:192.0.2.2'), true);
    assert.equal(isFromThisHost('FD00::2', 'fd00::2'), true);
  });

  it('refuses other hosts, and a connection whose addresses are unknown', () => {
    assert.equal(isFromThisHost('192.0.2.7', '192.0.2.2'), false);
    assert.equal(isFromThisHost('::ffff:192.0.2.7', '::ffff:192.0.2.2'), false);
    assert.equal(isFromThisHost('fd00::7', 'fd00::2'), false);
    assert.equal(isFromThisHost('192.0.2.7', undefined), false);
    assert.equal(isFromThisHost(undefined, '192.0.2.2'), false);
  });
});

describe('LoopbackOnlyGuard', () => {
  const guard = new LoopbackOnlyGuard();
  const contextFor = (
    remoteAddress: string,
    localAddress: string,
    headers: Record<string, string> = {},
  ) =>
    ({
      switchToHttp: () => ({
        getRequest: () => ({
          ip: remoteAddress,
          headers,
          raw: { socket: { remoteAddress, localAddress } },
        }),
      }),
    }) as unknown as ExecutionContext;

  it('lets this host in and answers 403 to any other', () => {
    assert.equal(guard.canActivate(contextFor('192.0.2.2', '192.0.2.2')), true);
    assert.throws(
      () => guard.canActivate(contextFor('192.0.2.7', '192.0.2.2')),
      (error: unknown) => error instanceof ForbiddenException && error.getStatus() === 403,
    );
  });

  it('refuses a loopback connection that forwards for someone else (a reverse proxy)', () => {
    const forwarded: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.7' },
      { forwarded: 'for=203.0.113.7' },
      { 'x-real-ip': '203.0.113.7' },
    ];
    for (const headers of forwarded) {
      assert.throws(
        () => guard.canActivate(contextFor('127.0.0.1', '127.0.0.1', headers)),
        (error: unknown) =>
          error instanceof ForbiddenException &&
          /came through a proxy/.test(JSON.stringify(error.getResponse())),
        JSON.stringify(headers),
      );
    }
  });
});
