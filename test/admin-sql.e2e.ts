import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { postJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';

const README = join(__dirname, '..', '..', 'README.md');

/** The statements of the README's "Admin SQL" section, as an admin would paste them. */
async function readmeQueries(): Promise<string[]> {
  const text = await readFile(README, 'utf8');
  const section = text.slice(text.indexOf('## Admin SQL'));
  const blocks = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((block) => block.split(/;\s*\n/))
    .map((sql) =>
      sql
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((sql) => sql !== '');
}

/** What an admin runs against PostgreSQL: the views and the README's queries answer truly. */
describe('admin SQL', () => {
  const { env, stubs, app } = useOrchestrator();

  it('names the step that fails most, in the views and in the README query', async () => {
    const create = async (prompt: string) =>
      (await postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt })).body.job_id;
    const ok = await create('a fine beat');
    await waitForJob(app.url, ok);
    // The first job has made its one call; the second job's call is refused.
    stubs.script('generate', (_call, n) =>
      n === 2 ? { status: 400, body: { detail: 'unsupported instrument' } } : undefined,
    );
    const failed = await create('a failing beat');
    assert.equal((await waitForJob(app.url, failed)).status, 'FAILURE');

    const stats = await env.sql<{ step: string; runs: number; failed: number }>(
      'SELECT step, runs, failed FROM step_stats_last_day ORDER BY step',
    );
    const generate = stats.find((s) => s.step === 'generate_sound');
    assert.deepEqual(generate && { runs: generate.runs, failed: generate.failed }, {
      runs: 2,
      failed: 1,
    });
    const hourly = await env.sql<{ status: string; jobs: number }>(
      'SELECT status, jobs FROM jobs_per_status_hourly ORDER BY status::text',
    );
    assert.deepEqual(
      hourly,
      [
        { status: 'SUCCESS', jobs: 1 },
        { status: 'FAILURE', jobs: 1 },
      ].sort((a, b) => a.status.localeCompare(b.status)),
    );
    const slowest = await env.sql<{ id: string }>('SELECT id FROM slowest_jobs');
    assert.deepEqual(slowest.map((r) => r.id).sort(), [ok, failed].sort());

    const queries = await readmeQueries();
    const mostFailing = queries.find((q) => q.includes("'step.failed'"));
    assert.ok(mostFailing, 'the README has the "which step fails most" query');
    const [top] = await env.sql<{ step: string; jobs_failed_there: string }>(mostFailing);
    assert.equal(top.step, 'generate_sound');
    assert.equal(Number(top.jobs_failed_there), 1);
  });

  it('runs every query of the README as written', async () => {
    const queries = await readmeQueries();
    assert.ok(queries.length >= 8);
    for (const sql of queries) {
      await assert.doesNotReject(env.sql(sql), `README query fails: ${sql}`);
    }
  });

  it('comments every table and column of the schema', async () => {
    const missing = await env.sql<{ what: string }>(
      `SELECT c.relname || '.' || a.attname AS what
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind = 'r' AND c.relname NOT IN ('migrations', 'typeorm_metadata')
          AND col_description(c.oid, a.attnum) IS NULL`,
    );
    assert.deepEqual(missing, []);
  });
});
