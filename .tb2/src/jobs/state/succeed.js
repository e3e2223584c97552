"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.succeed = succeed;
const job_status_1 = require("../job-status");
const run_write_1 = require("./run-write");
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH ${(0, sql_fragments_1.fencedJobUpdate)(`${(0, sql_fragments_1.endsUnlessCancelled)('SUCCESS')},
                result = CASE WHEN cancel_requested_at IS NULL THEN $5::jsonb END,
                error = NULL, current_step = NULL`)},
       ${(0, sql_fragments_1.checkpointStep)({ step: '$3', output: '$4', attempt: '$6', durationMs: '$7' })},
       ${(0, sql_fragments_1.closeStepsOfCancelled)('$3')},
       ${(0, sql_fragments_1.endOfRunEvents)({
    step: '$3',
    stepEvent: 'step.succeeded',
    stepData: `jsonb_build_object('step', $3::text, 'duration_ms', $7::int)`,
    outcome: 'SUCCESS',
    detail: { key: 'result', value: '$5::jsonb' },
})}`;
async function succeed(ctx, fence, finish, result) {
    const rows = await ctx.sql.prepared(SQL, [
        fence.jobId,
        fence.attempt,
        finish?.step ?? null,
        finish ? JSON.stringify(finish.output) : null,
        JSON.stringify(result),
        finish ? JSON.stringify(finish.attempt) : null,
        finish?.attempt.duration_ms ?? null,
    ]);
    return (0, run_write_1.settleRunWrite)(ctx, fence.jobId, rows, job_status_1.JobStatus.Success);
}
//# sourceMappingURL=succeed.js.map