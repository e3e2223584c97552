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
exports.JobTransitions = void 0;
const common_1 = require("@nestjs/common");
const prepared_sql_1 = require("../../database/prepared-sql");
const job_change_announcer_1 = require("./job-change-announcer");
const advance_1 = require("./advance");
const claim_1 = require("./claim");
const create_job_1 = require("./create-job");
const fail_1 = require("./fail");
const fail_overdue_1 = require("./fail-overdue");
const heartbeat_1 = require("./heartbeat");
const mark_cancelled_1 = require("./mark-cancelled");
const queue_step_1 = require("./queue-step");
const record_interrupted_1 = require("./record-interrupted");
const record_retry_1 = require("./record-retry");
const record_unexpected_error_1 = require("./record-unexpected-error");
const reopen_1 = require("./reopen");
const request_cancel_1 = require("./request-cancel");
const succeed_1 = require("./succeed");
let JobTransitions = class JobTransitions {
    createJob;
    claim;
    advance;
    queueStep;
    succeed;
    recordRetry;
    recordInterrupted;
    recordUnexpectedError;
    fail;
    requestCancel;
    markCancelled;
    reopen;
    failOverdue;
    heartbeat;
    constructor(sql, announce) {
        const ctx = { sql, announce };
        this.createJob = (job) => (0, create_job_1.createJob)(ctx, job);
        this.claim = (jobId) => (0, claim_1.claim)(ctx, jobId);
        this.advance = (fence, finish, start) => (0, advance_1.advance)(ctx, fence, finish, start);
        this.queueStep = (fence, finish, start, position) => (0, queue_step_1.queueStep)(ctx, fence, finish, start, position);
        this.succeed = (fence, finish, result) => (0, succeed_1.succeed)(ctx, fence, finish, result);
        this.recordRetry = (fence, step, attempt, retryInMs) => (0, record_retry_1.recordRetry)(ctx, fence, step, attempt, retryInMs);
        this.recordInterrupted = (fence, step, attempt) => (0, record_interrupted_1.recordInterrupted)(ctx, fence, step, attempt);
        this.recordUnexpectedError = (fence) => (0, record_unexpected_error_1.recordUnexpectedError)(ctx, fence);
        this.fail = (fence, step, error, attempt) => (0, fail_1.fail)(ctx, fence, step, error, attempt);
        this.requestCancel = (jobId, owner) => (0, request_cancel_1.requestCancel)(ctx, jobId, owner);
        this.markCancelled = (jobId, step, attempt) => (0, mark_cancelled_1.markCancelled)(ctx, jobId, step, attempt);
        this.reopen = (jobId, deadlineMs, owner) => (0, reopen_1.reopen)(ctx, jobId, deadlineMs, owner);
        this.failOverdue = () => (0, fail_overdue_1.failOverdue)(ctx);
        this.heartbeat = (fence) => (0, heartbeat_1.heartbeat)(ctx, fence);
    }
};
exports.JobTransitions = JobTransitions;
exports.JobTransitions = JobTransitions = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [prepared_sql_1.PreparedSql, job_change_announcer_1.JobChangeAnnouncer])
], JobTransitions);
//# sourceMappingURL=job-transitions.js.map