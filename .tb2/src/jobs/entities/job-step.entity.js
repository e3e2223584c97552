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
exports.JobStep = void 0;
const typeorm_1 = require("typeorm");
const job_status_1 = require("../job-status");
let JobStep = class JobStep {
    jobId;
    step;
    job;
    status;
    attempts;
    input;
    output;
    error;
    attemptLog;
    startedAt;
    finishedAt;
    durationMs;
};
exports.JobStep = JobStep;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'job_id', type: 'uuid', comment: 'The job this step belongs to' }),
    __metadata("design:type", String)
], JobStep.prototype, "jobId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 32, comment: 'parse_prompt, analyze_style, ...' }),
    __metadata("design:type", String)
], JobStep.prototype, "step", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)('Job', (job) => job.steps, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'job_id' }),
    __metadata("design:type", Function)
], JobStep.prototype, "job", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'enum',
        enum: job_status_1.StepStatus,
        enumName: 'step_status',
        comment: 'PENDING, RUNNING, RETRYING, SUCCEEDED, FAILED or CANCELLED',
    }),
    __metadata("design:type", String)
], JobStep.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'int', default: 0, comment: 'Calls made in the current run of the job' }),
    __metadata("design:type", Number)
], JobStep.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', nullable: true, comment: 'Request sent to the service' }),
    __metadata("design:type", Object)
], JobStep.prototype, "input", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', nullable: true, comment: 'Validated response: the checkpoint' }),
    __metadata("design:type", Object)
], JobStep.prototype, "output", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true, comment: 'Last error message' }),
    __metadata("design:type", Object)
], JobStep.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'attempt_log',
        type: 'jsonb',
        default: () => "'[]'",
        comment: 'Every attempt: time, duration, outcome, error',
    }),
    __metadata("design:type", Array)
], JobStep.prototype, "attemptLog", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'started_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'First call of the step',
    }),
    __metadata("design:type", Object)
], JobStep.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'finished_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'When it succeeded or failed for good',
    }),
    __metadata("design:type", Object)
], JobStep.prototype, "finishedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'duration_ms',
        type: 'int',
        nullable: true,
        comment: 'Duration of the successful call',
    }),
    __metadata("design:type", Object)
], JobStep.prototype, "durationMs", void 0);
exports.JobStep = JobStep = __decorate([
    (0, typeorm_1.Entity)({
        name: 'job_steps',
        comment: 'One row per (job, step); a SUCCEEDED row is a checkpoint never called again.',
    })
], JobStep);
//# sourceMappingURL=job-step.entity.js.map