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
  const contextFor = (remoteAddress: string, localAddress: string) =>
    ({
      switchToHttp: () => ({
        getRequest: () => ({ ip: remoteAddress, raw: { socket: { remoteAddress, localAddress } } }),
      }),
    }) as unknown as ExecutionContext;

  it('lets this host in and answers 403 to any other', () => {
    assert.equal(guard.canActivate(contextFor('192.0.2.2', '192.0.2.2')), true);
    assert.throws(
      () => guard.canActivate(contextFor('192.0.2.7', '192.0.2.2')),
      (error: unknown) => error instanceof ForbiddenException && error.getStatus() === 403,
    );
  });
});
