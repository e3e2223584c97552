import { AdvisoryLock } from '../../src/database/advisory-locks';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../../src/database/run-migrations';
import { typeormOptions } from '../../src/database/typeorm-options';

/** The compiled migrations, the folder `typeormOptions` runs them from. */
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');
const TEMPLATE_PREFIX = 'orch_tpl_';
/**
 * Held on the admin database while a template is built, copied or dropped: every test run
 * against this server (CI and a developer at once, other worktrees) takes the same lock.
 */
/** Templates of other migration sets kept besides the current one: other branches' runs use them. */
const KEEP_OTHER_TEMPLATES = 3;

/** `orch_tpl_` and a hash of the migrations: a changed migration gets a template of its own. */
export async function templateName(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.js')).sort();
  if (files.length === 0) throw new Error(`no compiled migrations in ${MIGRATIONS_DIR}`);
  for (const file of files)
    hash.update(`${file}\0`).update(await readFile(join(MIGRATIONS_DIR, file)));
  return `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}

/** Creates `name` as a copy of the migrated template, building the template first if needed. */
export async function createMigratedDatabase(adminUrl: string, name: string): Promise<void> {
  const template = await templateName();
  await underTemplateLock(adminUrl, async (admin) => {
    await ensureTemplate(admin, adminUrl, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  });
}

/**
 * Builds the current template if it is missing and drops the oldest templates of other
 * migrations (run once per test run by scripts/run-tests.sh).
 */
export async function prepareTemplates(adminUrl: string): Promise<string> {
  const template = await templateName();
  await underTemplateLock(adminUrl, async (admin) => {
    await ensureTemplate(admin, adminUrl, template);
    const { rows } = await admin.query<{ datname: string; istemplate: boolean }>(
      `SELECT datname, datistemplate AS istemplate FROM pg_database
        WHERE datname LIKE 'orch\\_tpl\\_%' AND datname <> $1
        ORDER BY shobj_description(oid, 'pg_database') DESC NULLS LAST`,
      [template],
    );
    // Under the lock no build is in progress: a database that is not a template is a
    // build that died half-way.
    const templates = rows.filter((r) => r.istemplate);
    const stale = [...templates.slice(KEEP_OTHER_TEMPLATES), ...rows.filter((r) => !r.istemplate)];
    for (const { datname } of stale) {
      await admin.query(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
  return template;
}

/** The lock is the admin session's: it goes with the session if the run is killed. */
async function underTemplateLock(
  adminUrl: string,
  work: (admin: Client) => Promise<void>,
): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [AdvisoryLock.TestTemplate]);
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Migrates a database of a unique name and renames it to `template` only once migrated, so
 * a run killed half-way never leaves a half-migrated template behind. Call under the lock.
 */
async function ensureTemplate(admin: Client, adminUrl: string, template: string): Promise<void> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    template,
  ]);
  if (rowCount) return;
  const build = `${template}_b${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${build} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${build}`);
  const url = new URL(adminUrl);
  url.pathname = `/${build}`;
  const db = await new DataSource(typeormOptions(url.toString(), 2)).initialize();
  try {
    await runMigrationsLocked(db);
  } finally {
    await db.destroy();
  }
  await admin.query(`ALTER DATABASE ${build} RENAME TO ${template}`);
  // No connections: one would make every CREATE DATABASE ... TEMPLATE from it fail.
  await admin.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  await admin.query(`COMMENT ON DATABASE ${template} IS '${new Date().toISOString()}'`);
}

if (require.main === module) {
  // scripts/run-tests.sh: once per run, before the test files.
  void import('./local-servers').then(async ({ PG_ADMIN_URL }) => {
    const template = await prepareTemplates(PG_ADMIN_URL);
    process.stdout.write(`test database template: ${template}\n`);
  });
}
