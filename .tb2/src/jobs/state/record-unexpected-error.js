"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordUnexpectedError = recordUnexpectedError;
const SQL = `UPDATE jobs SET unexpected_errors = unexpected_errors + 1, updated_at = now()
        WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
       RETURNING unexpected_errors`;
async function recordUnexpectedError(ctx, fence) {
    const rows = await ctx.sql.planned(SQL, [
        fence.jobId,
        fence.attempt,
    ]);
    return rows[0]?.unexpected_errors ?? 'fenced';
}
//# sourceMappingURL=record-unexpected-error.js.map