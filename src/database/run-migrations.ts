import type { DataSource } from 'typeorm';
import { AdvisoryLock } from './advisory-locks';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so several processes starting
 * at once apply them exactly once.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [AdvisoryLock.Migrations]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [AdvisoryLock.Migrations])
      .catch(() => undefined);
    await runner.release();
  }
}
