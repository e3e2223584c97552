"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.queueStep = queueStep;
const sql_fragments_1 = require("./sql-fragments");
const run_write_1 = require("./run-write");
const SQL = `WITH ${(0, sql_fragments_1.fencedJobUpdate)(`${sql_fragments_1.RUNNING_UNLESS_CANCELLED},
                current_step = CASE WHEN cancel_requested_at IS NULL THEN $3 ELSE current_step END,
                queued_at = CASE WHEN cancel_requested_at IS NULL THEN COALESCE(queued_at, now()) END`, false)},
       ${(0, sql_fragments_1.checkpointStep)({ step: '$4', output: '$5', attempt: '$6', durationMs: '$8' })},
       queued AS (
         INSERT INTO job_steps (job_id, step, status, input)
         SELECT j.id, $3, 'QUEUED', $7::jsonb FROM j WHERE j.status = 'PROCESSING'
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'QUEUED', input = EXCLUDED.input, error = NULL, finished_at = NULL
         RETURNING job_id),
       ${(0, sql_fragments_1.closeStepsOfCancelled)('$4')},
       ${(0, sql_fragments_1.nextStepEvents)('step.queued', `jsonb_build_object('step', $3::text, 'position', $9::int)`)}`;
async function queueStep(ctx, fence, finish, start, position) {
    const rows = await ctx.sql.prepared(SQL, [
        fence.jobId,
        fence.attempt,
        start.step,
        finish?.step ?? null,
        finish ? JSON.stringify(finish.output) : null,
        finish ? JSON.stringify(finish.attempt) : null,
        JSON.stringify(start.input ?? null),
        finish?.attempt.duration_ms ?? null,
        position,
    ]);
    return (0, run_write_1.settleRunWrite)(ctx, fence.jobId, rows);
}
//# sourceMappingURL=queue-step.js.map