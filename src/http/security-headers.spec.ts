import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helmetHeaders } from './security-headers';

describe('security headers', () => {
  it("are helmet's own, worked out once, without the CSP the API turns off", () => {
    const headers = helmetHeaders({
      contentSecurityPolicy: false,
      crossOriginResourcePolicy: false,
    });
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(headers['strict-transport-security'], /^max-age=\d+/);
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.equal(headers['content-security-policy'], undefined);
    assert.equal(headers['cross-origin-resource-policy'], undefined);
    assert.ok(Object.isFrozen(headers));
  });
});
