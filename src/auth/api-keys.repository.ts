import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateApiKey, hashApiKey } from './api-key-hash';
import { LOCAL_PRINCIPAL, type Principal } from './principal';

/** Loopback-only mode's owner: a key of that name would own every job made without a key. */
export const RESERVED_KEY_NAMES: readonly string[] = [LOCAL_PRINCIPAL.name];

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every active key by hash: few rows, read in one go and cached by the caller. A key with
   * a reserved name (made before names were checked) never authenticates.
   */
  async activeKeys(): Promise<Map<string, Principal>> {
    const rows: { key_hash: string; name: string; is_admin: boolean }[] = await this.db.query(
      'SELECT key_hash, name, is_admin FROM api_keys WHERE revoked_at IS NULL AND NOT name = ANY($1)',
      [RESERVED_KEY_NAMES],
    );
    return new Map(rows.map((r) => [r.key_hash, { name: r.name, isAdmin: r.is_admin }]));
  }
}

/** Creates a key; used by the CLI, with any DataSource. Returns the plaintext key, shown once. */
export async function createApiKey(
  db: DataSource,
  name: string,
  isAdmin: boolean,
): Promise<string> {
  if (RESERVED_KEY_NAMES.includes(name))
    throw new Error(`"${name}" is reserved for jobs made without a key; choose another name`);
  const key = generateApiKey();
  await db.query(
    'INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin) VALUES ($1, $2, $3, $4, $5)',
    [randomUUID(), name, hashApiKey(key), key.slice(0, 12), isAdmin],
  );
  return key;
}
