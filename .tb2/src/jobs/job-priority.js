"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PRIORITY_RANK = exports.JobPriority = void 0;
var JobPriority;
(function (JobPriority) {
    JobPriority["High"] = "high";
    JobPriority["Normal"] = "normal";
    JobPriority["Low"] = "low";
})(JobPriority || (exports.JobPriority = JobPriority = {}));
exports.PRIORITY_RANK = {
    [JobPriority.High]: 0,
    [JobPriority.Normal]: 1,
    [JobPriority.Low]: 2,
};
//# sourceMappingURL=job-priority.js.map