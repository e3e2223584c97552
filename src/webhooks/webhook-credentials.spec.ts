import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  fingerprintableUrl,
  openUrlPassword,
  sealUrlPassword,
  UnreadableWebhookCredentialsError,
} from './webhook-credentials';

describe('webhook credentials at rest', () => {
  const key = randomBytes(32);
  const url = 'https://hook-user:s3cr%40t@hooks.example.com:8443/in?x=1';

  it('seals the password only, and opens it again', () => {
    const sealed = sealUrlPassword(url, key);
    assert.match(sealed, /^https:\/\/hook-user:whc1\.[\w-]+@hooks\.example\.com:8443\/in\?x=1$/);
    assert.ok(!sealed.includes('s3cr'));
    assert.equal(openUrlPassword(sealed, key), url);
    assert.equal(
      sealUrlPassword('https://hooks.example.com/in', key),
      'https://hooks.example.com/in',
    );
  });

  it('refuses another key, no key, or a sealed password moved to another host', () => {
    const sealed = sealUrlPassword(url, key);
    const unreadable = (u: string, k: Buffer | undefined) =>
      assert.throws(() => openUrlPassword(u, k), UnreadableWebhookCredentialsError);
    unreadable(sealed, randomBytes(32));
    unreadable(sealed, undefined);
    unreadable(sealed.replace('hooks.example.com', 'attacker.example'), key);
  });

  it('sends a password stored before encryption as it is', () => {
    assert.equal(openUrlPassword(url, key), url);
  });

  it('fingerprints a password by a keyed MAC, never by the password itself', () => {
    const printed = fingerprintableUrl(url, key);
    assert.ok(!printed.includes('s3cr'));
    assert.equal(fingerprintableUrl(url, key), printed);
    assert.notEqual(fingerprintableUrl(url.replace('s3cr', 'other'), key), printed);
  });
});
