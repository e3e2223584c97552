"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.markCancelled = markCancelled;
const job_status_1 = require("../job-status");
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH j AS (
         UPDATE jobs SET status = 'CANCELLED', finished_at = now(), updated_at = now(), queued_at = NULL
          WHERE id = $1 AND status IN ('PENDING', 'PROCESSING') AND cancel_requested_at IS NOT NULL
         RETURNING id),
       s AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now(),
                attempt_log = s.attempt_log ||
                  CASE WHEN s.step = $2 AND $3::jsonb IS NOT NULL THEN jsonb_build_array($3::jsonb) ELSE '[]'::jsonb END
           FROM j WHERE s.job_id = j.id AND s.status IN ${sql_fragments_1.UNFINISHED_STEP}
         RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, 'job.status', '{"status":"CANCELLED"}'::jsonb FROM j ${sql_fragments_1.EVENT_RETURNING}),
       ${(0, sql_fragments_1.webhookOutbox)()}
       SELECT id FROM j`;
async function markCancelled(ctx, jobId, step, attempt) {
    const rows = await ctx.sql.planned(SQL, [jobId, step, attempt ? JSON.stringify(attempt) : null]);
    if (rows.length === 1)
        ctx.announce.changed(jobId, job_status_1.JobStatus.Cancelled);
    return rows.length === 1;
}
//# sourceMappingURL=mark-cancelled.js.map