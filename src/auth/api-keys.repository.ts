import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LOCAL_PRINCIPAL, type Principal } from './principal';

/** Loopback-only mode's owner: a key of that name would own every job made without a key. */
export const RESERVED_KEY_NAMES: readonly string[] = [LOCAL_PRINCIPAL.name];

/** A key that authenticates: not revoked, or revoked from a moment still to come (rotation grace). */
export const KEY_IS_ACTIVE = '(revoked_at IS NULL OR revoked_at > now())';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every active key by hash: few rows, read in one go and cached by the caller. A key with
   * a reserved name (made before names were checked) never authenticates.
   */
  async activeKeys(): Promise<Map<string, Principal>> {
    const rows: { key_hash: string; name: string; is_admin: boolean }[] = await this.db.query(
      `SELECT key_hash, name, is_admin FROM api_keys WHERE ${KEY_IS_ACTIVE} AND NOT name = ANY($1)`,
      [RESERVED_KEY_NAMES],
    );
    return new Map(rows.map((r) => [r.key_hash, { name: r.name, isAdmin: r.is_admin }]));
  }

  /** Records when keys were last used; never moves a time backwards (several processes write). */
  async recordLastUsed(usedAt: ReadonlyMap<string, Date>): Promise<void> {
    if (usedAt.size === 0) return;
    await this.db.query(
      `UPDATE api_keys k SET last_used_at = u.at
         FROM unnest($1::text[], $2::timestamptz[]) AS u(key_hash, at)
        WHERE k.key_hash = u.key_hash AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`,
      [[...usedAt.keys()], [...usedAt.values()]],
    );
  }
}
