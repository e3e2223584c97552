"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StepStatus = exports.TERMINAL_STATUSES = exports.JobStatus = void 0;
var JobStatus;
(function (JobStatus) {
    JobStatus["Pending"] = "PENDING";
    JobStatus["Processing"] = "PROCESSING";
    JobStatus["Success"] = "SUCCESS";
    JobStatus["Failure"] = "FAILURE";
    JobStatus["Cancelled"] = "CANCELLED";
})(JobStatus || (exports.JobStatus = JobStatus = {}));
exports.TERMINAL_STATUSES = [
    JobStatus.Success,
    JobStatus.Failure,
    JobStatus.Cancelled,
];
var StepStatus;
(function (StepStatus) {
    StepStatus["Pending"] = "PENDING";
    StepStatus["Queued"] = "QUEUED";
    StepStatus["Running"] = "RUNNING";
    StepStatus["Retrying"] = "RETRYING";
    StepStatus["Succeeded"] = "SUCCEEDED";
    StepStatus["Failed"] = "FAILED";
    StepStatus["Cancelled"] = "CANCELLED";
})(StepStatus || (exports.StepStatus = StepStatus = {}));
//# sourceMappingURL=job-status.js.map