"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestCancel = requestCancel;
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH cur AS (
         SELECT id, status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
       j AS (
         UPDATE jobs SET cancel_requested_at = COALESCE(jobs.cancel_requested_at, now()), updated_at = now()
           FROM cur WHERE jobs.id = cur.id AND cur.status IN ('PENDING', 'PROCESSING')
         RETURNING jobs.id),
       ev AS (
         INSERT INTO job_events (job_id, type, data) SELECT id, 'cancel.requested', '{}'::jsonb FROM j ${sql_fragments_1.EVENT_RETURNING}),
       ${(0, sql_fragments_1.webhookOutbox)()}
       SELECT cur.status, (SELECT count(*) FROM j) > 0 AS flagged FROM cur`;
async function requestCancel(ctx, jobId, owner) {
    const rows = await ctx.sql.planned(SQL, [
        jobId,
        owner ?? null,
    ]);
    if (rows[0]?.flagged)
        ctx.announce.changed(jobId);
    return rows[0];
}
//# sourceMappingURL=request-cancel.js.map