"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const typeorm_1 = require("typeorm");
const typeorm_options_1 = require("../src/database/typeorm-options");
const test_env_1 = require("./support/test-env");
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
(0, node_test_1.describe)('migrations', () => {
    const env = new test_env_1.TestEnv({ schema: 'empty' });
    let db;
    (0, node_test_1.before)(async () => {
        await env.setUp();
        db = await new typeorm_1.DataSource((0, typeorm_options_1.typeormOptions)(env.databaseUrl, 2)).initialize();
    });
    (0, node_test_1.after)(async () => {
        await db?.destroy();
        await env.tearDown();
    });
    (0, node_test_1.it)('each down() gives back exactly the schema its up() started from', async () => {
        const all = db.migrations.map((m) => m.constructor);
        strict_1.default.ok(all.length >= 2, 'migrations were found');
        for (let applied = 1; applied <= all.length; applied++) {
            const upTo = await new typeorm_1.DataSource({
                ...(0, typeorm_options_1.typeormOptions)(env.databaseUrl, 2),
                migrations: all.slice(0, applied),
            }).initialize();
            try {
                const snapshot = async () => (await upTo.query(SNAPSHOT)).map((row) => row.item);
                const before = await snapshot();
                const [migration] = await upTo.runMigrations({ transaction: 'all' });
                await upTo.undoLastMigration({ transaction: 'all' });
                strict_1.default.deepEqual(await snapshot(), before, `${migration.name} rolls back cleanly`);
                await upTo.runMigrations({ transaction: 'all' });
            }
            finally {
                await upTo.destroy();
            }
        }
    });
});
//# sourceMappingURL=migrations-rollback.e2e.js.map