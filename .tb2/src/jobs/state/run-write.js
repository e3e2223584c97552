"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.settleRunWrite = settleRunWrite;
const job_status_1 = require("../job-status");
function settleRunWrite(ctx, jobId, rows, endsIn) {
    const row = rows[0];
    if (!row)
        return 'fenced';
    if (row.status === job_status_1.JobStatus.Cancelled) {
        ctx.announce.changed(jobId, job_status_1.JobStatus.Cancelled);
        return 'cancelled';
    }
    ctx.announce.changed(jobId, endsIn);
    return 'written';
}
//# sourceMappingURL=run-write.js.map