import type { DataSource } from 'typeorm';

/** Arbitrary constant shared by every process of this service. */
const MIGRATION_LOCK_KEY = 7_340_111;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so several processes starting
 * at once apply them exactly once.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
