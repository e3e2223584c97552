import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseWebhookSecret, signWebhook, webhookHeaders } from './webhook-signer';

describe('webhook signer (Standard Webhooks)', () => {
  it('matches the test vector of the Standard Webhooks reference libraries', () => {
    const key = parseWebhookSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    assert.equal(
      signWebhook(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('keys the HMAC with the base64-decoded bytes after whsec_, not the secret text', () => {
    const bytes = randomBytes(32);
    const secret = `whsec_${bytes.toString('base64')}`;
    const body = '{"type":"job.status","timestamp":"2026-11-24T10:00:00.000Z","data":{}}';
    const expected = createHmac('sha256', bytes)
      .update(`msg_42.1795000000.${body}`)
      .digest('base64');
    assert.equal(
      signWebhook(parseWebhookSecret(secret), 'msg_42', 1795000000, body),
      `v1,${expected}`,
    );
    const wrong = createHmac('sha256', secret).update(`msg_42.1795000000.${body}`).digest('base64');
    assert.notEqual(expected, wrong);
  });

  it('sends the id, the time in whole seconds, and the signature over both and the body', () => {
    const key = randomBytes(24);
    const headers = webhookHeaders(key, 'msg_7', '{}', new Date('2026-11-24T10:00:00.999Z'));
    assert.deepEqual(headers, {
      'webhook-id': 'msg_7',
      'webhook-timestamp': '1795514400',
      'webhook-signature': `v1,${createHmac('sha256', key).update('msg_7.1795514400.{}').digest('base64')}`,
    });
  });

  it('refuses secrets that are not whsec_ + base64 of 24 to 64 bytes', () => {
    const ok = randomBytes(32).toString('base64');
    assert.equal(parseWebhookSecret(`whsec_${ok}`).length, 32);
    for (const bad of [ok, `whsec_`, `whsec_${ok}!`, `whsec_${ok.slice(1)}`, 'whsec_not base64']) {
      assert.throws(() => parseWebhookSecret(bad), /must be "whsec_" followed by base64/, bad);
    }
    assert.throws(
      () => parseWebhookSecret(`whsec_${randomBytes(16).toString('base64')}`),
      /must encode 24 to 64 bytes, got 16/,
    );
    assert.throws(
      () => parseWebhookSecret(`whsec_${randomBytes(66).toString('base64')}`),
      /got 66/,
    );
  });
});
