import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'tok_';

/** A new random key: 32 bytes of entropy, URL-safe. Shown once, stored only as a hash. */
export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Keys have full entropy, so a plain SHA-256 is enough (no slow hash needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
