import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateApiKey, hashApiKey } from './api-key-hash';
import { KEY_IS_ACTIVE, RESERVED_KEY_NAMES } from './api-keys.repository';

/**
 * What the `apikey` CLI does to keys, with any DataSource. Running servers notice every
 * change within 5 s (ApiKeyCache).
 */

/** A refusal the CLI prints as it is, with exit code 1. */
export class ApiKeyCommandError extends Error {}

export interface ApiKeyListing {
  name: string;
  prefix: string;
  isAdmin: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates a key under a name never used before. Returns the plaintext key, shown once. */
export async function createApiKey(
  db: DataSource,
  name: string,
  isAdmin: boolean,
): Promise<string> {
  if (RESERVED_KEY_NAMES.includes(name))
    throw new ApiKeyCommandError(
      `"${name}" is reserved for jobs made without a key; choose another name`,
    );
  const key = generateApiKey();
  // A name owns jobs: reusing a revoked key's name would hand its jobs to the new key, which
  // only rotate does on purpose.
  const rows: unknown[] = await db.query(
    `INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin)
     SELECT $1::uuid, $2::varchar, $3::varchar, $4::varchar, $5::boolean
      WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE name = $2)
     RETURNING id`,
    [randomUUID(), name, hashApiKey(key), key.slice(0, 12), isAdmin],
  );
  if (rows.length === 0)
    throw new ApiKeyCommandError(
      `A key named "${name}" already exists (rotate gives it a new key; list shows every key)`,
    );
  return key;
}

/** Every key, revoked ones too, by name then age. */
export async function listApiKeys(db: DataSource): Promise<ApiKeyListing[]> {
  const rows: {
    name: string;
    key_prefix: string;
    is_admin: boolean;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }[] = await db.query(
    `SELECT name, key_prefix, is_admin, created_at, last_used_at, revoked_at
       FROM api_keys ORDER BY name, created_at`,
  );
  return rows.map((r) => ({
    name: r.name,
    prefix: r.key_prefix,
    isAdmin: r.is_admin,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Revokes every active key of a name at once (a rotated one in its grace period too). The
 * UPDATEs here go through a CTE because TypeORM answers a bare one with [rows, count].
 */
export async function revokeApiKey(db: DataSource, name: string): Promise<number> {
  const rows: unknown[] = await db.query(
    `WITH revoked AS (
       UPDATE api_keys SET revoked_at = now() WHERE name = $1 AND ${KEY_IS_ACTIVE} RETURNING id)
     SELECT id FROM revoked`,
    [name],
  );
  if (rows.length === 0) throw new ApiKeyCommandError(`No active key named "${name}"`);
  return rows.length;
}

/**
 * Replaces a name's key with a new one of the same admin flag, so its jobs stay its own.
 * The old key stops working now, or after `graceSeconds` for clients still to be updated.
 */
export async function rotateApiKey(
  db: DataSource,
  name: string,
  graceSeconds: number,
): Promise<string> {
  const key = generateApiKey();
  return db.transaction(async (tx) => {
    const old: { is_admin: boolean }[] = await tx.query(
      `WITH replaced AS (
         UPDATE api_keys SET revoked_at = now() + make_interval(secs => $2)
          WHERE name = $1 AND revoked_at IS NULL
         RETURNING is_admin)
       SELECT is_admin FROM replaced`,
      [name, graceSeconds],
    );
    if (old.length === 0)
      throw new ApiKeyCommandError(
        `No key named "${name}" to rotate (a revoked one stays revoked)`,
      );
    await tx.query(
      'INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), name, hashApiKey(key), key.slice(0, 12), old[0].is_admin],
    );
    return key;
  });
}
