"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordRetry = recordRetry;
const run_write_1 = require("./run-write");
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH ${(0, sql_fragments_1.fencedJobUpdate)(`${sql_fragments_1.RUNNING_UNLESS_CANCELLED}`)},
       s AS (
         UPDATE job_steps s SET
                status = CASE WHEN j.status = 'CANCELLED' THEN 'CANCELLED'::step_status ELSE 'RETRYING'::step_status END,
                finished_at = CASE WHEN j.status = 'CANCELLED' THEN now() END,
                error = $4, attempts = s.attempts + 1, attempt_log = s.attempt_log || jsonb_build_array($5::jsonb)
           FROM j WHERE s.job_id = j.id AND s.step = $3 RETURNING s.step),
       ${(0, sql_fragments_1.closeStepsOfCancelled)('$3')},
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           ('step.retrying', jsonb_build_object('step', $3::text, 'error', $4::text,
                'attempt', $6::int, 'retry_in_ms', $7::int)),
           ('job.status', '{"status":"CANCELLED"}'::jsonb)) AS e(type, data)
          WHERE (e.type = 'job.status') = (j.status = 'CANCELLED') ${sql_fragments_1.EVENT_RETURNING}),
       ${(0, sql_fragments_1.webhookOutbox)('j')}
       SELECT id, status FROM j`;
async function recordRetry(ctx, fence, step, attempt, retryInMs) {
    const rows = await ctx.sql.prepared(SQL, [
        fence.jobId,
        fence.attempt,
        step,
        attempt.error ?? null,
        JSON.stringify(attempt),
        attempt.attempt,
        retryInMs,
    ]);
    return (0, run_write_1.settleRunWrite)(ctx, fence.jobId, rows);
}
//# sourceMappingURL=record-retry.js.map