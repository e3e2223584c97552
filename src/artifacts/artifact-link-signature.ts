import { createHmac, timingSafeEqual } from 'node:crypto';

/** ARTIFACT_URL_SECRET must carry at least as much entropy as the HMAC-SHA256 key it becomes. */
const MIN_SECRET_CHARS = 32;
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const EXPIRES_PATTERN = /^\d{1,12}$/;

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/** Reads ARTIFACT_URL_SECRET; throws a message that says what a valid one looks like. */
export function parseArtifactUrlSecret(value: string): Buffer {
  if (value.length < MIN_SECRET_CHARS) {
    throw new Error(
      `must be at least ${MIN_SECRET_CHARS} characters, e.g. $(openssl rand -base64 32), got ${value.length}`,
    );
  }
  return Buffer.from(value, 'utf8');
}

/**
 * Signs the file's path inside ARTIFACTS_DIR (decoded, `/`-separated), not the URL, so any
 * percent-encoding a client chooses names the same file and the same signature.
 */
export function signArtifactPath(key: Buffer, filePath: string, expires: number): string {
  return createHmac('sha256', key).update(`${filePath}\n${expires}`).digest('base64url');
}

/**
 * The expiry of a link made at `nowMs`: rounded up to a multiple of the lifetime, so the
 * link stays identical for a while (a polling page does not reload its `<audio>`) and is
 * always valid for at least `ttlSeconds`.
 */
export function linkExpiry(nowMs: number, ttlSeconds: number): number {
  return (Math.floor(nowMs / 1000 / ttlSeconds) + 2) * ttlSeconds;
}

/** Checks the `expires` and `signature` query values of a download of `filePath`. */
export function checkArtifactLink(
  key: Buffer,
  filePath: string,
  expires: unknown,
  signature: unknown,
  nowMs = Date.now(),
): LinkCheck {
  if (typeof expires !== 'string' || !EXPIRES_PATTERN.test(expires)) return 'invalid';
  if (typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return 'invalid';
  const expected = Buffer.from(signArtifactPath(key, filePath, Number(expires)));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return 'invalid';
  return Number(expires) * 1000 > nowMs ? 'valid' : 'expired';
}
