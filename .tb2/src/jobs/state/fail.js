"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fail = fail;
const job_status_1 = require("../job-status");
const run_write_1 = require("./run-write");
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH ${(0, sql_fragments_1.fencedJobUpdate)(`${(0, sql_fragments_1.endsUnlessCancelled)('FAILURE')},
                error = CASE WHEN cancel_requested_at IS NULL THEN $4::jsonb END`)},
       s AS (
         UPDATE job_steps s SET status = 'FAILED', error = $4::jsonb->>'message',
                attempts = s.attempts + CASE WHEN $5::jsonb IS NULL THEN 0 ELSE 1 END,
                attempt_log = s.attempt_log || CASE WHEN $5::jsonb IS NULL THEN '[]'::jsonb ELSE jsonb_build_array($5::jsonb) END,
                finished_at = now(), duration_ms = $6
           FROM j WHERE s.job_id = j.id AND s.step = $3 RETURNING s.step),
       ${(0, sql_fragments_1.closeStepsOfCancelled)('$3')},
       ${(0, sql_fragments_1.endOfRunEvents)({
    step: '$3',
    stepEvent: 'step.failed',
    stepData: `jsonb_build_object('step', $3::text, 'error', $4::jsonb->>'message')`,
    outcome: 'FAILURE',
    detail: { key: 'error', value: '$4::jsonb' },
})}`;
async function fail(ctx, fence, step, error, attempt) {
    const rows = await ctx.sql.prepared(SQL, [
        fence.jobId,
        fence.attempt,
        step,
        JSON.stringify(error),
        attempt ? JSON.stringify(attempt) : null,
        attempt?.duration_ms ?? null,
    ]);
    return (0, run_write_1.settleRunWrite)(ctx, fence.jobId, rows, job_status_1.JobStatus.Failure);
}
//# sourceMappingURL=fail.js.map