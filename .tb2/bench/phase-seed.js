"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedPhase = seedPhase;
const phase_http_1 = require("./phase-http");
const stats_1 = require("./stats");
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
async function seed(ctx, rows) {
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
async function mixedIds(ctx) {
    const recent = await (0, phase_http_1.successIds)(ctx, 1000);
    const random = await ctx.env.sql(`SELECT id FROM jobs TABLESAMPLE SYSTEM (1) WHERE prompt LIKE 'Seeded%' LIMIT 1000`);
    return [...recent, ...random.map((r) => r.id)];
}
async function seedPhase(ctx, api, empty) {
    const rows = ctx.flags.seedRows;
    const seedSeconds = await seed(ctx, rows);
    const status = await (0, phase_http_1.statusBench)(ctx, api, await mixedIds(ctx));
    const list = await (0, phase_http_1.listBench)(ctx, api);
    const create = await (0, phase_http_1.createBench)(ctx, api);
    const result = {
        rows,
        seed_seconds: seedSeconds,
        create,
        status,
        list,
        create_p99_ratio: create.median.p99_ms / empty.create.median.p99_ms,
        status_p99_ratio: status.median.p99_ms / empty.status.median.p99_ms,
    };
    ctx.log(`seeded ${(0, stats_1.fmt)(rows)} rows in ${(0, stats_1.fmt)(seedSeconds, 1)} s: create p99 x${(0, stats_1.fmt)(result.create_p99_ratio, 2)}, status p99 x${(0, stats_1.fmt)(result.status_p99_ratio, 2)} of the empty-table figures`);
    return result;
}
//# sourceMappingURL=phase-seed.js.map