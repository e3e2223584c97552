import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An API key; only its SHA-256 is stored. Jobs record the key's name as their owner, so a
 * rotated key (same name) keeps its jobs: a name has at most one key not yet revoked, and
 * an old one in its grace period (revoked_at in the future).
 */
@Index('api_keys_name_unrevoked', ['name'], { unique: true, where: 'revoked_at IS NULL' })
@Entity({ name: 'api_keys', comment: 'API keys (hashed); owner of jobs is the key name' })
export class ApiKey {
  @PrimaryColumn({ type: 'uuid', comment: 'Key id' })
  id!: string;

  @Column({
    type: 'varchar',
    length: 128,
    comment: 'Key name; owner of the jobs it creates (shared by a key and the ones it replaced)',
  })
  name!: string;

  @Column({
    name: 'key_hash',
    type: 'varchar',
    length: 64,
    unique: true,
    comment: 'SHA-256 hex of the key',
  })
  keyHash!: string;

  @Column({
    name: 'key_prefix',
    type: 'varchar',
    length: 16,
    comment: 'First characters, to recognise a key',
  })
  keyPrefix!: string;

  @Column({ name: 'is_admin', type: 'boolean', default: false, comment: 'Admins see every job' })
  isAdmin!: boolean;

  @Column({
    name: 'created_at',
    type: 'timestamptz',
    default: () => 'now()',
    comment: 'When the key was created',
  })
  createdAt!: Date;

  @Column({
    name: 'revoked_at',
    type: 'timestamptz',
    nullable: true,
    comment:
      'When the key stops working (takes effect within 5 s); in the future during a rotation grace period',
  })
  revokedAt!: Date | null;

  @Column({
    name: 'last_used_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'When the key last authenticated a request (written at most once a minute)',
  })
  lastUsedAt!: Date | null;
}
