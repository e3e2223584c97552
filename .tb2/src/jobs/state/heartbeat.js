"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.heartbeat = heartbeat;
const SQL = `UPDATE jobs SET updated_at = now() WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'`;
async function heartbeat(ctx, fence) {
    await ctx.sql.prepared(SQL, [fence.jobId, fence.attempt]);
}
//# sourceMappingURL=heartbeat.js.map