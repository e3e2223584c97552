import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource, MigrationInterface } from 'typeorm';
import { typeormOptions } from '../src/database/typeorm-options';
import { TestEnv } from './support/test-env';

/** What a rollback must give back: every index, constraint, column and comment of the schema. */
const SNAPSHOT = `
  SELECT 'index ' || indexname || ': ' || indexdef AS item
    FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata')
  UNION ALL
  SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     AND conrelid::regclass::text NOT IN ('migrations', 'typeorm_metadata')
  UNION ALL
  SELECT 'column ' || table_name || '.' || column_name || ': ' || data_type || ' '
         || is_nullable || ' ' || coalesce(column_default, '-') || ' '
         || coalesce(col_description((quote_ident(table_name))::regclass, ordinal_position), '-')
    FROM information_schema.columns WHERE table_schema = 'public'
     AND table_name NOT IN ('migrations', 'typeorm_metadata')
  UNION ALL
  SELECT 'relation ' || relname || ' ' || relkind::text || ': ' || coalesce(obj_description(oid), '-')
         || ' ' || coalesce(pg_get_viewdef(oid), '-')
    FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'm')
     AND relname NOT IN ('migrations', 'typeorm_metadata')
  UNION ALL
  SELECT 'type ' || t.typname || ': ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
   WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
  ORDER BY 1`;

describe('migrations', () => {
  const env = new TestEnv({ schema: 'empty' });
  let db: DataSource;

  before(async () => {
    await env.setUp();
    db = await new DataSource(typeormOptions(env.databaseUrl, 2)).initialize();
  });

  after(async () => {
    await db?.destroy();
    await env.tearDown();
  });

  it('each down() gives back exactly the schema its up() started from', async () => {
    const all = db.migrations.map((m) => m.constructor as new () => MigrationInterface);
    assert.ok(all.length >= 2, 'migrations were found');
    for (let applied = 1; applied <= all.length; applied++) {
      // TypeORM's own path: the migrations table, typeorm_metadata, one transaction each.
      const upTo = await new DataSource({
        ...typeormOptions(env.databaseUrl, 2),
        migrations: all.slice(0, applied),
      }).initialize();
      try {
        const snapshot = async () =>
          (await upTo.query<{ item: string }[]>(SNAPSHOT)).map((row) => row.item);
        const before = await snapshot();
        const [migration] = await upTo.runMigrations({ transaction: 'all' });
        await upTo.undoLastMigration({ transaction: 'all' });
        assert.deepEqual(await snapshot(), before, `${migration.name} rolls back cleanly`);
        await upTo.runMigrations({ transaction: 'all' });
      } finally {
        await upTo.destroy();
      }
    }
  });
});
