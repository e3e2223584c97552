"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const typeorm_1 = require("typeorm");
const run_migrations_1 = require("../src/database/run-migrations");
const typeorm_options_1 = require("../src/database/typeorm-options");
const test_env_1 = require("./support/test-env");
(0, node_test_1.describe)('schema', () => {
    const env = new test_env_1.TestEnv({ schema: 'empty' });
    let db;
    (0, node_test_1.before)(async () => {
        await env.setUp();
        db = await new typeorm_1.DataSource((0, typeorm_options_1.typeormOptions)(env.databaseUrl, 4)).initialize();
    });
    (0, node_test_1.after)(async () => {
        await db?.destroy();
        await env.tearDown();
    });
    (0, node_test_1.it)('is created by the migrations alone, and they match the entities exactly', async () => {
        await Promise.all([(0, run_migrations_1.runMigrationsLocked)(db), (0, run_migrations_1.runMigrationsLocked)(db)]);
        const pending = await db.driver.createSchemaBuilder().log();
        const statements = pending.upQueries.map((q) => q.query);
        strict_1.default.deepEqual(statements, [], 'entities changed without a migration: run npm run migration:generate');
        const tables = await env.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        for (const table of ['jobs', 'job_steps', 'job_events', 'webhook_deliveries', 'api_keys']) {
            strict_1.default.ok(tables.some((t) => t.table_name === table), table);
        }
    });
    (0, node_test_1.it)('comments every table for admins', async () => {
        const rows = await env.sql(`SELECT c.relname, obj_description(c.oid) AS comment FROM pg_class c
        WHERE c.relname IN ('jobs', 'job_steps', 'job_events', 'webhook_deliveries', 'api_keys')`);
        strict_1.default.equal(rows.length, 5);
        for (const row of rows)
            strict_1.default.ok(row.comment, `${row.relname} has a comment`);
    });
});
//# sourceMappingURL=schema.e2e.js.map