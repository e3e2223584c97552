"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toJobEventMessage = toJobEventMessage;
exports.sseEvent = sseEvent;
exports.sseComment = sseComment;
exports.sseRetry = sseRetry;
exports.isTerminalStatusEvent = isTerminalStatusEvent;
exports.isTerminalStatus = isTerminalStatus;
const job_status_1 = require("../jobs/job-status");
function toJobEventMessage(row) {
    return {
        id: Number(row.id),
        job_id: row.job_id,
        type: row.type,
        data: row.data,
        created_at: row.created_at.toISOString(),
    };
}
function sseEvent(row) {
    return `id: ${row.id}\nevent: ${row.type}\ndata: ${JSON.stringify(toJobEventMessage(row))}\n\n`;
}
function sseComment(text) {
    return `: ${text}\n\n`;
}
function sseRetry(ms) {
    return `retry: ${ms}\n\n`;
}
function isTerminalStatusEvent(row) {
    return row.type === 'job.status' && isTerminalStatus(String(row.data.status));
}
function isTerminalStatus(status) {
    return job_status_1.TERMINAL_STATUSES.includes(status);
}
//# sourceMappingURL=sse-format.js.map