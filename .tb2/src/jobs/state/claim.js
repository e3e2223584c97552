"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.claim = claim;
const job_status_1 = require("../job-status");
const steps_1 = require("../../pipeline/steps");
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH prev AS (
         SELECT id, status, cancel_requested_at IS NOT NULL AS cancel,
                step_list_version > $3 AS newer,
                cancel_requested_at IS NULL AND NOT EXISTS (
                  SELECT 1 FROM job_steps s
                   WHERE s.job_id = jobs.id AND s.step = $2 AND s.status = 'SUCCEEDED') AS start_first
           FROM jobs WHERE id = $1 FOR UPDATE),
       j AS (
         UPDATE jobs j SET
                status = CASE WHEN prev.cancel THEN 'CANCELLED'::job_status ELSE 'PROCESSING'::job_status END,
                attempt = CASE WHEN prev.cancel THEN j.attempt ELSE j.attempt + 1 END,
                started_at = CASE WHEN prev.cancel THEN j.started_at ELSE COALESCE(j.started_at, now()) END,
                finished_at = CASE WHEN prev.cancel THEN now() END,
                updated_at = now(),
                current_step = CASE WHEN prev.start_first THEN $2 ELSE j.current_step END
           FROM prev
          WHERE j.id = prev.id AND prev.status IN ('PENDING', 'PROCESSING') AND NOT prev.newer
         RETURNING j.id, j.status, j.prompt, j.reference_track_url, j.attempt, j.created_at,
                   j.owner, j.priority, j.webhook_url, j.webhook_events),
       started AS (
         INSERT INTO job_steps (job_id, step, status, input, started_at)
         SELECT j.id, $2, 'RUNNING', ${steps_1.FIRST_STEP.inputSql}, now() FROM j, prev WHERE prev.start_first
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'RUNNING', input = EXCLUDED.input, error = NULL,
                started_at = COALESCE(job_steps.started_at, now()), finished_at = NULL
         RETURNING step),
       closed AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now()
           FROM j, prev WHERE prev.cancel AND s.job_id = j.id AND s.status IN ${sql_fragments_1.UNFINISHED_STEP}
         RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, prev, (VALUES
           (1, 'job.status', '{"status":"PROCESSING"}'::jsonb),
           (2, 'step.started', jsonb_build_object('step', $2::text)),
           (3, 'job.status', '{"status":"CANCELLED"}'::jsonb)) AS e(n, type, data)
          WHERE (e.n = 1 AND prev.status = 'PENDING' AND NOT prev.cancel)
             OR (e.n = 2 AND prev.start_first) OR (e.n = 3 AND prev.cancel)
          ORDER BY e.n ${sql_fragments_1.EVENT_RETURNING}),
       ${(0, sql_fragments_1.webhookOutbox)('j')}
       SELECT j.id, j.status, j.prompt, j.reference_track_url, j.attempt, j.created_at,
              j.owner, j.priority, ${sql_fragments_1.STEPS_JSON} AS steps, CASE WHEN prev.start_first THEN $2 END AS started_step,
              prev.newer AND prev.status IN ('PENDING', 'PROCESSING') AS newer
         FROM prev LEFT JOIN j ON true`;
async function claim(ctx, jobId) {
    const rows = await ctx.sql.prepared(SQL, [
        jobId,
        steps_1.FIRST_STEP.name,
        steps_1.STEP_LIST_VERSION,
    ]);
    const row = rows[0];
    if (row?.newer)
        return { kind: 'newer-step-list' };
    if (!row?.id)
        return { kind: 'not-runnable' };
    if (row.status === job_status_1.JobStatus.Cancelled) {
        ctx.announce.changed(jobId, job_status_1.JobStatus.Cancelled);
        return { kind: 'cancelled' };
    }
    ctx.announce.changed(jobId);
    return { kind: 'claimed', job: row };
}
//# sourceMappingURL=claim.js.map