"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobChangeAnnouncer = void 0;
const common_1 = require("@nestjs/common");
const metrics_1 = require("../../observability/metrics");
const job_events_notifier_1 = require("../job-events.notifier");
let JobChangeAnnouncer = class JobChangeAnnouncer {
    notifier;
    metrics;
    constructor(notifier, metrics) {
        this.notifier = notifier;
        this.metrics = metrics;
    }
    changed(jobId, finished) {
        this.notifier.changed(jobId);
        if (finished !== undefined)
            this.metrics.jobsFinished.inc({ status: finished });
    }
};
exports.JobChangeAnnouncer = JobChangeAnnouncer;
exports.JobChangeAnnouncer = JobChangeAnnouncer = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_events_notifier_1.JobEventsNotifier,
        metrics_1.Metrics])
], JobChangeAnnouncer);
//# sourceMappingURL=job-change-announcer.js.map