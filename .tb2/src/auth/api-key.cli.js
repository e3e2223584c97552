"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runApiKeyCommand = runApiKeyCommand;
require("reflect-metadata");
const node_util_1 = require("node:util");
const typeorm_1 = require("typeorm");
const app_config_1 = require("../config/app-config");
const run_migrations_1 = require("../database/run-migrations");
const typeorm_options_1 = require("../database/typeorm-options");
const api_key_lifecycle_1 = require("./api-key-lifecycle");
const USAGE = `Usage: npm run apikey -- <command> [options]
  list                                    every key: name, prefix, admin, created, last used, state
  create --name NAME [--admin]            a new key, printed alone on the last line (shown once)
  revoke --name NAME                      the name's keys stop working (within 5 s on running servers)
  rotate --name NAME [--grace SECONDS]    a new key for NAME (same admin flag, same jobs); the old
                                          one stops working now, or SECONDS later (default 0)
  NAME: 1-128 of letters, digits, _ . @ -
`;
const NAME = /^[\w.@-]{1,128}$/;
const MAX_GRACE_SECONDS = 7 * 24 * 3600;
function usage(problem) {
    process.stderr.write(`${problem ? `${problem}\n` : ''}${USAGE}`);
    process.exit(2);
}
async function runApiKeyCommand(argv) {
    const { values, positionals } = (0, node_util_1.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            name: { type: 'string' },
            admin: { type: 'boolean', default: false },
            grace: { type: 'string' },
        },
    });
    const [command, ...extra] = positionals;
    if (extra.length > 0)
        usage(`Unexpected arguments: ${extra.join(' ')}`);
    const name = values.name?.trim() ?? '';
    if (command !== 'list' && !NAME.test(name))
        usage('--name NAME is needed');
    const grace = Number(values.grace ?? '0');
    if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS)
        usage(`--grace must be whole seconds from 0 to ${MAX_GRACE_SECONDS}`);
    const db = new typeorm_1.DataSource((0, typeorm_options_1.typeormOptions)(new app_config_1.AppConfig().databaseUrl, 2));
    await db.initialize();
    try {
        await (0, run_migrations_1.runMigrationsLocked)(db);
        switch (command) {
            case 'list':
                process.stdout.write(formatListing(await (0, api_key_lifecycle_1.listApiKeys)(db), new Date()));
                break;
            case 'create': {
                const key = await (0, api_key_lifecycle_1.createApiKey)(db, name, values.admin ?? false);
                process.stdout.write(`Created ${values.admin ? 'admin ' : ''}API key "${name}". Store it now; it is not shown again:\n${key}\n`);
                break;
            }
            case 'revoke': {
                const count = await (0, api_key_lifecycle_1.revokeApiKey)(db, name);
                process.stdout.write(`Revoked ${count} key${count === 1 ? '' : 's'} named "${name}"; running servers refuse it within 5 s\n`);
                break;
            }
            case 'rotate': {
                const key = await (0, api_key_lifecycle_1.rotateApiKey)(db, name, grace);
                const until = grace === 0 ? 'now' : `in ${grace} s`;
                process.stdout.write(`Rotated API key "${name}": the old key stops working ${until}. Store the new one now; it is not shown again:\n${key}\n`);
                break;
            }
            default:
                usage(command === undefined ? undefined : `Unknown command: ${command}`);
        }
    }
    catch (error) {
        const duplicate = error.code === '23505';
        process.stderr.write(duplicate
            ? `A key named "${name}" already exists\n`
            : `${error instanceof api_key_lifecycle_1.ApiKeyCommandError ? error.message : String(error)}\n`);
        process.exitCode = 1;
    }
    finally {
        await db.destroy();
    }
}
function formatListing(keys, now) {
    const time = (d) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '-');
    const state = (k) => {
        if (k.revokedAt === null)
            return 'active';
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
    return (rows
        .map((r) => r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd())
        .join('\n') + '\n');
}
if (require.main === module)
    void runApiKeyCommand(process.argv.slice(2));
//# sourceMappingURL=api-key.cli.js.map