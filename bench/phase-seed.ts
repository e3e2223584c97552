import type { Context } from './context';
import type { OrchestratorProcess } from '../test/support/orchestrator-process';
import { createBench, listBench, statusBench, successIds } from './phase-http';
import { fmt, Repeated } from './stats';

/**
 * Scale: `--seed-rows` finished jobs (90% SUCCESS, 7% FAILURE, 3% CANCELLED, created over
 * the last 30 days, 10% owned by a second key), each with its step rows and three status
 * events, inserted in batches by set-returning SQL; then VACUUM ANALYZE, as autovacuum
 * would have done, and the HTTP measurements again.
 */

const BATCH = 100_000;

const SEED_SQL = `
WITH src AS (
  SELECT g,
         now() - random() * interval '30 days' AS created_at,
         (1 + random() * 60) * interval '1 second' AS took,
         CASE WHEN g % 100 < 90 THEN 'SUCCESS' WHEN g % 100 < 97 THEN 'FAILURE' ELSE 'CANCELLED' END AS status
    FROM generate_series($1::int, $2::int) g),
j AS (
  INSERT INTO jobs (id, status, prompt, reference_track_url, current_step, result, error, attempt,
                    owner, cancel_requested_at, created_at, updated_at, started_at, finished_at,
                    deadline_at)
  SELECT gen_random_uuid(), status::job_status, 'Seeded prompt number ' || g || ', lo-fi, 90 bpm',
         'https://example.com/reference.wav',
         CASE status WHEN 'FAILURE' THEN 'generate_sound' WHEN 'CANCELLED' THEN 'analyze_style' END,
         CASE WHEN status = 'SUCCESS' THEN jsonb_build_object('final_track_url',
              'https://cdn.example.com/output/seed_' || g || '_master.wav') END,
         CASE WHEN status = 'FAILURE' THEN
              '{"step":"generate_sound","message":"sound-generation answered 503","service":"sound-generation","status_code":503}'::jsonb END,
         1, CASE WHEN g % 10 = 0 THEN 'team-b' ELSE 'anonymous' END,
         CASE WHEN status = 'CANCELLED' THEN created_at + took END,
         created_at, created_at + took, created_at + interval '3 ms', created_at + took,
         created_at + interval '1 hour'
    FROM src
  RETURNING id, status, created_at, finished_at),
s AS (
  INSERT INTO job_steps (job_id, step, status, attempts, input, output, attempt_log, started_at,
                         finished_at, duration_ms)
  SELECT j.id, st.step,
         (CASE WHEN j.status = 'SUCCESS' OR (j.status = 'FAILURE' AND st.ord < 3)
                 OR (j.status = 'CANCELLED' AND st.ord = 1) THEN 'SUCCEEDED'
               WHEN j.status = 'FAILURE' THEN 'FAILED' ELSE 'CANCELLED' END)::step_status,
         1, '{"seeded":true}'::jsonb, '{"tempo":90,"key":"A minor"}'::jsonb,
         '[{"attempt":1,"outcome":"succeeded","duration_ms":250}]'::jsonb,
         j.created_at + st.ord * interval '1 ms', j.finished_at, 250
    FROM j CROSS JOIN (VALUES (1, 'parse_prompt'), (2, 'analyze_style'), (3, 'generate_sound'),
                              (4, 'mix_master')) AS st(ord, step)
   WHERE j.status = 'SUCCESS' OR (j.status = 'FAILURE' AND st.ord <= 3)
      OR (j.status = 'CANCELLED' AND st.ord <= 2)),
e AS (
  INSERT INTO job_events (job_id, type, data, created_at)
  SELECT j.id, 'job.status', jsonb_build_object('status', ev.status), ev.at
    FROM j CROSS JOIN LATERAL (VALUES ('PENDING', j.created_at), ('PROCESSING', j.created_at),
                                      (j.status::text, j.finished_at)) AS ev(status, at))
SELECT count(*) AS n FROM j`;

export interface SeedResult {
  rows: number;
  seed_seconds: number;
  create: Repeated;
  status: Repeated;
  list?: Repeated;
  /** Seeded p99 over empty-table p99 (target: at most 1.2). */
  create_p99_ratio: number;
  status_p99_ratio: number;
}

async function seed(ctx: Context, rows: number): Promise<number> {
  const t0 = Date.now();
  for (let from = 1; from <= rows; from += BATCH) {
    const to = Math.min(rows, from + BATCH - 1);
    await ctx.env.sql(SEED_SQL, [from, to]);
    ctx.log(`seed: ${to} of ${rows} jobs`);
  }
  await ctx.env.sql('VACUUM ANALYZE jobs');
  await ctx.env.sql('VACUUM ANALYZE job_steps');
  await ctx.env.sql('VACUUM ANALYZE job_events');
  return (Date.now() - t0) / 1000;
}

/** Status ids after seeding: half recent finished jobs, half random seeded ones. */
async function mixedIds(ctx: Context): Promise<string[]> {
  const recent = await successIds(ctx, 1000);
  const random = await ctx.env.sql<{ id: string }>(
    `SELECT id FROM jobs TABLESAMPLE SYSTEM (1) WHERE prompt LIKE 'Seeded%' LIMIT 1000`,
  );
  return [...recent, ...random.map((r) => r.id)];
}

export async function seedPhase(
  ctx: Context,
  api: OrchestratorProcess,
  empty: { create: Repeated; status: Repeated },
): Promise<SeedResult> {
  const rows = ctx.flags.seedRows;
  const seedSeconds = await seed(ctx, rows);
  const status = await statusBench(ctx, api, await mixedIds(ctx));
  const list = await listBench(ctx, api);
  // createBench resets the tables at its end, so it runs last.
  const create = await createBench(ctx, api);
  const result: SeedResult = {
    rows,
    seed_seconds: seedSeconds,
    create,
    status,
    list,
    create_p99_ratio: create.median.p99_ms / empty.create.median.p99_ms,
    status_p99_ratio: status.median.p99_ms / empty.status.median.p99_ms,
  };
  ctx.log(
    `seeded ${fmt(rows)} rows in ${fmt(seedSeconds, 1)} s: create p99 x${fmt(
      result.create_p99_ratio,
      2,
    )}, status p99 x${fmt(result.status_p99_ratio, 2)} of the empty-table figures`,
  );
  return result;
}
