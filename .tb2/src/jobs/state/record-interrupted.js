"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordInterrupted = recordInterrupted;
const SQL = `UPDATE job_steps s SET status = 'RETRYING', attempt_log = s.attempt_log || jsonb_build_array($4::jsonb)
         FROM jobs j
        WHERE j.id = $1 AND j.attempt = $2 AND j.status = 'PROCESSING'
          AND s.job_id = j.id AND s.step = $3 AND s.status = 'RUNNING'
       RETURNING s.step`;
async function recordInterrupted(ctx, fence, step, attempt) {
    const rows = await ctx.sql.prepared(SQL, [
        fence.jobId,
        fence.attempt,
        step,
        JSON.stringify(attempt),
    ]);
    return rows.length === 1;
}
//# sourceMappingURL=record-interrupted.js.map