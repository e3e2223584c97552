import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An API key; only its SHA-256 is stored. Jobs record the key's name as their owner. */
@Entity({ name: 'api_keys', comment: 'API keys (hashed); owner of jobs is the key name' })
export class ApiKey {
  @PrimaryColumn({ type: 'uuid', comment: 'Key id' })
  id!: string;

  @Column({
    type: 'varchar',
    length: 128,
    unique: true,
    comment: 'Key name; owner of the jobs it creates',
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
    comment: 'Set to revoke the key (takes effect within 5 s)',
  })
  revokedAt!: Date | null;
}
