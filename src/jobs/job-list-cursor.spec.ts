import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor } from './job-list-cursor';
import { InvalidFieldError } from './jobs.errors';

describe('job list cursor', () => {
  const position = {
    createdAt: '2026-11-24T10:00:00.123456Z',
    id: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10',
  };

  it('round-trips a position to the microsecond through an opaque, URL-safe string', () => {
    const cursor = encodeCursor(position);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor), position);
  });

  it('refuses anything it did not make, naming the cursor parameter', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      'not a cursor',
      '',
      forged({ t: position.createdAt }),
      forged({ t: '2026-02-30T00:00:00.000000Z', i: position.id }),
      forged({ t: '2026-11-24 10:00:00', i: position.id }),
      forged({ t: position.createdAt, i: "x' OR 1=1 --" }),
      forged([position.createdAt, position.id]),
    ]) {
      assert.throws(
        () => decodeCursor(bad),
        (error: unknown) => error instanceof InvalidFieldError && error.field === 'cursor',
        bad,
      );
    }
  });
});
