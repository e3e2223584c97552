import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { runMigrationsLocked } from '../database/run-migrations';
import { typeormOptions } from '../database/typeorm-options';
import {
  ApiKeyCommandError,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
  type ApiKeyListing,
} from './api-key-lifecycle';

const USAGE = `Usage: npm run apikey -- <command> [options]
  list                                    every key: name, prefix, admin, created, last used, state
  create --name NAME [--admin]            a new key, printed alone on the last line (shown once)
  revoke --name NAME                      the name's keys stop working (within 5 s on running servers)
  rotate --name NAME [--grace SECONDS]    a new key for NAME (same admin flag, same jobs); the old
                                          one stops working now, or SECONDS later (default 0)
  NAME: 1-128 of letters, digits, _ . @ -
`;

const NAME = /^[\w.@-]{1,128}$/;
/** A week: long enough to roll a key out, short enough that an old key does not linger. */
const MAX_GRACE_SECONDS = 7 * 24 * 3600;

function usage(problem?: string): never {
  process.stderr.write(`${problem ? `${problem}\n` : ''}${USAGE}`);
  process.exit(2);
}

/** `npm run apikey -- list|create|revoke|rotate ...`; `apikey:create` runs `create`. */
export async function runApiKeyCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      grace: { type: 'string' },
    },
  });
  const [command, ...extra] = positionals;
  if (extra.length > 0) usage(`Unexpected arguments: ${extra.join(' ')}`);
  const name = values.name?.trim() ?? '';
  if (command !== 'list' && !NAME.test(name)) usage('--name NAME is needed');
  const grace = Number(values.grace ?? '0');
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS)
    usage(`--grace must be whole seconds from 0 to ${MAX_GRACE_SECONDS}`);

  const db = new DataSource(typeormOptions(new AppConfig().databaseUrl, 2));
  await db.initialize();
  try {
    await runMigrationsLocked(db);
    switch (command) {
      case 'list':
        process.stdout.write(formatListing(await listApiKeys(db), new Date()));
        break;
      case 'create': {
        const key = await createApiKey(db, name, values.admin ?? false);
        process.stdout.write(
          `Created ${values.admin ? 'admin ' : ''}API key "${name}". Store it now; it is not shown again:\n${key}\n`,
        );
        break;
      }
      case 'revoke': {
        const count = await revokeApiKey(db, name);
        process.stdout.write(
          `Revoked ${count} key${count === 1 ? '' : 's'} named "${name}"; running servers refuse it within 5 s\n`,
        );
        break;
      }
      case 'rotate': {
        const key = await rotateApiKey(db, name, grace);
        const until = grace === 0 ? 'now' : `in ${grace} s`;
        process.stdout.write(
          `Rotated API key "${name}": the old key stops working ${until}. Store the new one now; it is not shown again:\n${key}\n`,
        );
        break;
      }
      default:
        usage(command === undefined ? undefined : `Unknown command: ${command}`);
    }
  } catch (error) {
    const duplicate = (error as { code?: string }).code === '23505';
    process.stderr.write(
      duplicate
        ? `A key named "${name}" already exists\n`
        : `${error instanceof ApiKeyCommandError ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

/** One key a line, aligned; times in UTC to the second. */
function formatListing(keys: ApiKeyListing[], now: Date): string {
  const time = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '-');
  const state = (k: ApiKeyListing) => {
    if (k.revokedAt === null) return 'active';
    return k.revokedAt > now ? `active until ${time(k.revokedAt)}` : `revoked ${time(k.revokedAt)}`;
  };
  const rows = [
    ['NAME', 'PREFIX', 'ADMIN', 'CREATED', 'LAST USED', 'STATE'],
    ...keys.map((k) => [
      k.name,
      k.prefix,
      k.isAdmin ? 'yes' : 'no',
      time(k.createdAt),
      time(k.lastUsedAt),
      state(k),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

if (require.main === module) void runApiKeyCommand(process.argv.slice(2));
