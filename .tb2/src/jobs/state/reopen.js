"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.reopen = reopen;
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH cur AS (
         SELECT id, status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
       j AS (
         UPDATE jobs SET status = 'PENDING', error = NULL, result = NULL, cancel_requested_at = NULL,
                finished_at = NULL, unexpected_errors = 0, updated_at = now(), queued_at = NULL,
                deadline_at = now() + make_interval(secs => $3::float8 / 1000)
           FROM cur WHERE jobs.id = cur.id AND cur.status IN ('FAILURE', 'CANCELLED')
         RETURNING jobs.id),
       s AS (
         UPDATE job_steps s SET status = 'PENDING', attempts = 0, finished_at = NULL
           FROM j WHERE s.job_id = j.id AND s.status <> 'SUCCEEDED' RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT id, 'job.status', '{"status":"PENDING","retry":true}'::jsonb FROM j ${sql_fragments_1.EVENT_RETURNING}),
       ${(0, sql_fragments_1.webhookOutbox)()}
       SELECT CASE WHEN (SELECT count(*) FROM j) > 0 THEN 'PENDING'::job_status ELSE cur.status END AS status,
              (SELECT count(*) FROM j) > 0 AS reopened
         FROM cur`;
async function reopen(ctx, jobId, deadlineMs, owner) {
    const rows = await ctx.sql.planned(SQL, [
        jobId,
        owner ?? null,
        deadlineMs,
    ]);
    if (rows[0]?.reopened)
        ctx.announce.changed(jobId);
    return rows[0];
}
//# sourceMappingURL=reopen.js.map