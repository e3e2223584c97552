import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('hides the signature of a download link and keeps the rest', () => {
    assert.equal(
      redactUrl('/artifacts/output/a.wav?expires=1795010400&signature=pQ2lq7WkZr0'),
      '/artifacts/output/a.wav?expires=1795010400&signature=[redacted]',
    );
    assert.equal(redactUrl('/artifacts/a.wav?sig=abc'), '/artifacts/a.wav?sig=[redacted]');
  });

  it('hides keys sent in a query string, by name or by their look', () => {
    assert.equal(redactUrl('/jobs?api_key=tok_abc&limit=5'), '/jobs?api_key=[redacted]&limit=5');
    assert.equal(redactUrl('/jobs?X-API-Key=whatever'), '/jobs?X-API-Key=[redacted]');
    assert.equal(redactUrl('/jobs?q=tok_abc'), '/jobs?q=[redacted]');
    assert.equal(redactUrl('/jobs?q=tok%5Fabc'), '/jobs?q=[redacted]');
  });

  it('leaves URLs without secrets as they were, malformed escapes included', () => {
    for (const url of ['/jobs', '/jobs?q=lo-fi&limit=5', '/jobs?q=100%', '/jobs?flag']) {
      assert.equal(redactUrl(url), url);
    }
  });
});
