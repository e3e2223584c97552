import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The password of a receiver's HTTP Basic auth (`https://user:password@host/...`) is kept
 * encrypted at rest, in `jobs.webhook_url` and the `webhook_deliveries.url` copied from it:
 * the stored URL carries `whc1.<base64url of iv | tag | ciphertext>` in the password's
 * place (AES-256-GCM). The user name stays readable, as it does in logs and views.
 *
 * The key is its own (`WEBHOOK_CREDENTIALS_KEY`), not derived from `WEBHOOK_SECRET`: every
 * webhook receiver holds that secret to verify signatures, so anyone with a receiver and a
 * database backup could derive the key and read other owners' passwords.
 *
 * The rest of the URL is the additional data, so a sealed password edited onto another
 * host in the database no longer opens (it would be sent to that host otherwise).
 */

const SEALED_PREFIX = 'whc1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `WEBHOOK_CREDENTIALS_KEY`: base64 (or base64url) of 32 random bytes. */
export function parseWebhookCredentialsKey(value: string): Buffer {
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (key?.length !== KEY_BYTES)
    throw new Error(`must be base64 of ${KEY_BYTES} random bytes, e.g. $(openssl rand -base64 32)`);
  return key;
}

/** A sealed password the server cannot open: no key, another key, or an edited row. */
export class UnreadableWebhookCredentialsError extends Error {}

export function hasUrlPassword(url: string): boolean {
  return new URL(url).password !== '';
}

/** The URL to store: its password, if any, sealed with `key`. */
export function sealUrlPassword(url: string, key: Buffer): string {
  const parsed = new URL(url);
  if (!parsed.password) return url;
  const password = parsed.password;
  parsed.password = '';
  const additionalData = withoutCredentials(parsed);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  parsed.password =
    SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  return parsed.toString();
}

/**
 * The URL to send to: a sealed password opened. A password stored before encryption (no
 * `whc1.` prefix) is used as it is.
 */
export function openUrlPassword(url: string, key: Buffer | undefined): string {
  const parsed = new URL(url);
  if (!parsed.password.startsWith(SEALED_PREFIX)) return url;
  if (key === undefined)
    throw new UnreadableWebhookCredentialsError(
      'the receiver password is stored encrypted and WEBHOOK_CREDENTIALS_KEY is not set',
    );
  const packed = Buffer.from(parsed.password.slice(SEALED_PREFIX.length), 'base64url');
  parsed.password = '';
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(withoutCredentials(parsed), 'utf8'));
    decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const password = Buffer.concat([
      decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    parsed.password = password;
    return parsed.toString();
  } catch {
    throw new UnreadableWebhookCredentialsError(
      'the receiver password cannot be decrypted (WEBHOOK_CREDENTIALS_KEY changed, or the row was edited)',
    );
  }
}

function withoutCredentials(parsed: URL): string {
  const copy = new URL(parsed.toString());
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

/**
 * The URL as the Idempotency-Key fingerprint sees it: a plain hash of it would let anyone
 * with the database guess the password offline (the rest of the request is stored in
 * clear), so the password is replaced by a MAC under the key. A changed password still
 * makes a different request.
 */
export function fingerprintableUrl(url: string, key: Buffer | undefined): string {
  const parsed = new URL(url);
  if (!parsed.password || key === undefined) return url;
  parsed.password = createHmac('sha256', key)
    .update(`webhook-url-fingerprint:${parsed.password}`)
    .digest('base64url');
  return parsed.toString();
}
