import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** The Standard Webhooks spec: a random secret of 24 to 64 bytes (192 to 512 bits). */
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/**
 * Decodes a Standard Webhooks secret (`whsec_` + base64 of the key bytes); throws a message
 * that says what a valid one looks like.
 */
export function parseWebhookSecret(value: string): Buffer {
  const encoded = value.startsWith(SECRET_PREFIX) ? value.slice(SECRET_PREFIX.length) : undefined;
  if (
    encoded === undefined ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ||
    encoded.length % 4 !== 0
  ) {
    throw new Error(
      'must be "whsec_" followed by base64, e.g. whsec_$(openssl rand -base64 32) (Standard Webhooks format)',
    );
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    throw new Error(
      `must encode ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, got ${key.length}`,
    );
  }
  return key;
}

/** The headers of one delivery attempt, per the Standard Webhooks spec. */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`. The id and timestamp are ours,
 * never user input, so neither can contain the `.` delimiter.
 */
export function signWebhook(
  key: Buffer,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const mac = createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** Headers for sending `body` as message `id` now; each retry is signed afresh with its own time. */
export function webhookHeaders(
  key: Buffer,
  id: string,
  body: string,
  now = new Date(),
): WebhookSignatureHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(key, id, timestamp, body),
  };
}
