"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const README = (0, node_path_1.join)(__dirname, '..', '..', 'README.md');
async function readmeQueries() {
    const text = await (0, promises_1.readFile)(README, 'utf8');
    const section = text.slice(text.indexOf('## Admin SQL'));
    const blocks = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
    return blocks
        .flatMap((block) => block.split(/;\s*\n/))
        .map((sql) => sql
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim())
        .filter((sql) => sql !== '');
}
(0, node_test_1.describe)('admin SQL', () => {
    const { env, stubs, app } = (0, use_orchestrator_1.useOrchestrator)();
    (0, node_test_1.it)('names the step that fails most, in the views and in the README query', async () => {
        const create = async (prompt) => (await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt })).body.job_id;
        const ok = await create('a fine beat');
        await (0, http_client_1.waitForJob)(app.url, ok);
        stubs.script('generate', (_call, n) => n === 2 ? { status: 400, body: { detail: 'unsupported instrument' } } : undefined);
        const failed = await create('a failing beat');
        strict_1.default.equal((await (0, http_client_1.waitForJob)(app.url, failed)).status, 'FAILURE');
        const stats = await env.sql('SELECT step, runs, failed FROM step_stats_last_day ORDER BY step');
        const generate = stats.find((s) => s.step === 'generate_sound');
        strict_1.default.deepEqual(generate && { runs: generate.runs, failed: generate.failed }, {
            runs: 2,
            failed: 1,
        });
        const hourly = await env.sql('SELECT status, jobs FROM jobs_per_status_hourly ORDER BY status::text');
        strict_1.default.deepEqual(hourly, [
            { status: 'SUCCESS', jobs: 1 },
            { status: 'FAILURE', jobs: 1 },
        ].sort((a, b) => a.status.localeCompare(b.status)));
        const slowest = await env.sql('SELECT id FROM slowest_jobs');
        strict_1.default.deepEqual(slowest.map((r) => r.id).sort(), [ok, failed].sort());
        const queries = await readmeQueries();
        const mostFailing = queries.find((q) => q.includes("'step.failed'"));
        strict_1.default.ok(mostFailing, 'the README has the "which step fails most" query');
        const [top] = await env.sql(mostFailing);
        strict_1.default.equal(top.step, 'generate_sound');
        strict_1.default.equal(Number(top.jobs_failed_there), 1);
    });
    (0, node_test_1.it)('runs every query of the README as written', async () => {
        const queries = await readmeQueries();
        strict_1.default.ok(queries.length >= 8);
        for (const sql of queries) {
            await strict_1.default.doesNotReject(env.sql(sql), `README query fails: ${sql}`);
        }
    });
    (0, node_test_1.it)('comments every table and column of the schema', async () => {
        const missing = await env.sql(`SELECT c.relname || '.' || a.attname AS what
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind = 'r' AND c.relname NOT IN ('migrations', 'typeorm_metadata')
          AND col_description(c.oid, a.attnum) IS NULL`);
        strict_1.default.deepEqual(missing, []);
    });
});
//# sourceMappingURL=admin-sql.e2e.js.map