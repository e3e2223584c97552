"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FINISHED_STATUSES = void 0;
exports.isFinished = isFinished;
exports.failureMessage = failureMessage;
exports.FINISHED_STATUSES = ['SUCCESS', 'FAILURE', 'CANCELLED'];
function isFinished(job) {
    return exports.FINISHED_STATUSES.includes(job.status);
}
function failureMessage(job) {
    const message = job.error?.message ?? job.result?.error ?? 'no message';
    const step = job.error?.step ?? job.result?.step;
    return step ? `${step}: ${message}` : message;
}
//# sourceMappingURL=job-view.js.map