import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { typeormOptions } from '../src/database/typeorm-options';
import { TestEnv } from './support/test-env';

describe('schema', () => {
  const env = new TestEnv({ schema: 'empty' });
  let db: DataSource;

  before(async () => {
    await env.setUp();
    db = await new DataSource(typeormOptions(env.databaseUrl, 4)).initialize();
  });

  after(async () => {
    await db?.destroy();
    await env.tearDown();
  });

  it('is created by the migrations alone, and they match the entities exactly', async () => {
    await Promise.all([runMigrationsLocked(db), runMigrationsLocked(db)]);
    const pending = await db.driver.createSchemaBuilder().log();
    const statements = pending.upQueries.map((q) => q.query);
    assert.deepEqual(
      statements,
      [],
      'entities changed without a migration: run npm run migration:generate',
    );
    const tables = await env.sql<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    for (const table of ['jobs', 'job_steps', 'job_events', 'webhook_deliveries', 'api_keys']) {
      assert.ok(
        tables.some((t) => t.table_name === table),
        table,
      );
    }
  });

  it('comments every table for admins', async () => {
    const rows = await env.sql<{ relname: string; comment: string | null }>(
      `SELECT c.relname, obj_description(c.oid) AS comment FROM pg_class c
        WHERE c.relname IN ('jobs', 'job_steps', 'job_events', 'webhook_deliveries', 'api_keys')`,
    );
    assert.equal(rows.length, 5);
    for (const row of rows) assert.ok(row.comment, `${row.relname} has a comment`);
  });
});
