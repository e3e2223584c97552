import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkArtifactLink,
  linkExpiry,
  parseArtifactUrlSecret,
  signArtifactPath,
} from './artifact-link-signature';

const KEY = Buffer.from('k'.repeat(32));

describe('signed artifact links', () => {
  it('keeps a link identical within a lifetime window and valid for at least the lifetime', () => {
    const ttl = 3600;
    const start = Date.UTC(2026, 10, 24, 10, 0, 0);
    assert.equal(linkExpiry(start, ttl), linkExpiry(start + 3599_000, ttl));
    for (const now of [start, start + 1_000, start + 3599_000]) {
      const expires = linkExpiry(now, ttl);
      assert.ok(expires * 1000 - now >= ttl * 1000 && expires * 1000 - now <= 2 * ttl * 1000);
    }
  });

  it('accepts its own signature until it expires, and nothing else', () => {
    const now = Date.now();
    const expires = Math.floor(now / 1000) + 60;
    const signature = signArtifactPath(KEY, 'output/a.wav', expires);
    const check = (path: string, e: unknown, s: unknown, at = now) =>
      checkArtifactLink(KEY, path, e, s, at);
    assert.equal(check('output/a.wav', String(expires), signature), 'valid');
    assert.equal(check('output/a.wav', String(expires), signature, expires * 1000), 'expired');
    assert.equal(check('output/b.wav', String(expires), signature), 'invalid');
    assert.equal(check('output/a.wav', String(expires + 1), signature), 'invalid');
    assert.equal(check('output/a.wav', String(expires), undefined), 'invalid');
    assert.equal(check('output/a.wav', ['1', '2'], signature), 'invalid');
    assert.equal(check('output/a.wav', String(expires), `${signature}=`), 'invalid');
  });

  it('wants a secret of at least 32 characters', () => {
    assert.throws(() => parseArtifactUrlSecret('short'), /at least 32 characters/);
    assert.equal(parseArtifactUrlSecret('s'.repeat(32)).length, 32);
  });
});
