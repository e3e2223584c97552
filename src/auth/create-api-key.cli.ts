import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { runMigrationsLocked } from '../database/run-migrations';
import { typeormOptions } from '../database/typeorm-options';
import { createApiKey } from './api-keys.repository';

/**
 * `npm run apikey:create -- --name NAME [--admin]`: creates a key and prints it alone on
 * the last line (it is shown only this once).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, admin: { type: 'boolean', default: false } },
  });
  const name = values.name?.trim();
  if (!name || !/^[\w.@-]{1,128}$/.test(name)) {
    process.stderr.write(
      'Usage: npm run apikey:create -- --name NAME [--admin]\n  NAME: 1-128 of letters, digits, _ . @ -\n',
    );
    process.exit(2);
  }
  const db = new DataSource(typeormOptions(new AppConfig().databaseUrl, 2));
  await db.initialize();
  try {
    await runMigrationsLocked(db);
    const key = await createApiKey(db, name, values.admin ?? false);
    process.stdout.write(
      `Created ${values.admin ? 'admin ' : ''}API key "${name}". Store it now; it is not shown again:\n${key}\n`,
    );
  } catch (error) {
    const duplicate = (error as { code?: string }).code === '23505';
    process.stderr.write(
      duplicate ? `A key named "${name}" already exists\n` : `${String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

void main();
