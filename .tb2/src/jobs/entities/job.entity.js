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
exports.Job = void 0;
const typeorm_1 = require("typeorm");
const job_priority_1 = require("../job-priority");
const job_status_1 = require("../job-status");
let Job = class Job {
    id;
    status;
    prompt;
    referenceTrackUrl;
    currentStep;
    result;
    error;
    attempt;
    unexpectedErrors;
    owner;
    idempotencyKey;
    requestFingerprint;
    webhookUrl;
    webhookEvents;
    cancelRequestedAt;
    createdAt;
    updatedAt;
    startedAt;
    finishedAt;
    deadlineAt;
    stepListVersion;
    priority;
    queuedAt;
    steps;
};
exports.Job = Job;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'uuid', comment: 'Job id, also the Bull job id' }),
    __metadata("design:type", String)
], Job.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'enum',
        enum: job_status_1.JobStatus,
        enumName: 'job_status',
        default: job_status_1.JobStatus.Pending,
        comment: 'PENDING, PROCESSING, or terminal SUCCESS / FAILURE / CANCELLED',
    }),
    __metadata("design:type", String)
], Job.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Index)('jobs_prompt_trgm_idx', { synchronize: false }),
    (0, typeorm_1.Column)({ type: 'text', comment: 'The user prompt, as sent' }),
    __metadata("design:type", String)
], Job.prototype, "prompt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'reference_track_url',
        type: 'text',
        nullable: true,
        comment: 'Optional reference track to analyse',
    }),
    __metadata("design:type", Object)
], Job.prototype, "referenceTrackUrl", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'current_step',
        type: 'varchar',
        length: 32,
        nullable: true,
        comment: 'Step running now, or the step the job ended on',
    }),
    __metadata("design:type", Object)
], Job.prototype, "currentStep", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', nullable: true, comment: 'On success: {final_track_url}' }),
    __metadata("design:type", Object)
], Job.prototype, "result", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'jsonb',
        nullable: true,
        comment: 'On failure: {step, message, service?, status_code?}',
    }),
    __metadata("design:type", Object)
], Job.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'int',
        default: 0,
        comment: 'How many times a worker has claimed the job; fences writes of stale workers',
    }),
    __metadata("design:type", Number)
], Job.prototype, "attempt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'unexpected_errors',
        type: 'int',
        default: 0,
        comment: 'Runs ended by an unexpected error of the job itself (not a service, not an outage) since it was created or retried; the job fails once they reach the budget',
    }),
    __metadata("design:type", Number)
], Job.prototype, "unexpectedErrors", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'varchar',
        length: 128,
        default: 'anonymous',
        comment: 'API key name that created it',
    }),
    __metadata("design:type", String)
], Job.prototype, "owner", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'idempotency_key',
        type: 'varchar',
        length: 255,
        nullable: true,
        comment: 'Idempotency-Key header of the create request',
    }),
    __metadata("design:type", Object)
], Job.prototype, "idempotencyKey", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'request_fingerprint',
        type: 'varchar',
        length: 64,
        nullable: true,
        comment: 'SHA-256 of the create body, to tell an idempotent replay from a conflicting one',
    }),
    __metadata("design:type", Object)
], Job.prototype, "requestFingerprint", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'webhook_url',
        type: 'text',
        nullable: true,
        comment: 'Where signed event deliveries go (Standard Webhooks)',
    }),
    __metadata("design:type", Object)
], Job.prototype, "webhookUrl", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'webhook_events',
        type: 'text',
        array: true,
        nullable: true,
        comment: 'Event types to deliver; null means every type',
    }),
    __metadata("design:type", Object)
], Job.prototype, "webhookEvents", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'cancel_requested_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'Set by POST /jobs/{id}/cancel until the run stops',
    }),
    __metadata("design:type", Object)
], Job.prototype, "cancelRequestedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'created_at',
        type: 'timestamptz',
        default: () => 'now()',
        comment: 'When the job was created',
    }),
    __metadata("design:type", Date)
], Job.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'updated_at',
        type: 'timestamptz',
        default: () => 'now()',
        comment: 'Last state change or heartbeat of a running step',
    }),
    __metadata("design:type", Date)
], Job.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'started_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'First claim by a worker',
    }),
    __metadata("design:type", Object)
], Job.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'finished_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'When it reached SUCCESS, FAILURE or CANCELLED',
    }),
    __metadata("design:type", Object)
], Job.prototype, "finishedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'deadline_at',
        type: 'timestamptz',
        comment: 'An unfinished job still running after this is failed by the reconciler',
    }),
    __metadata("design:type", Date)
], Job.prototype, "deadlineAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'step_list_version',
        type: 'int',
        default: 1,
        comment: 'The version of the step list (STEP_LIST_VERSION) the job was created under; workers of an older list leave it to newer ones',
    }),
    __metadata("design:type", Number)
], Job.prototype, "stepListVersion", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'enum',
        enum: job_priority_1.JobPriority,
        enumName: 'job_priority',
        default: job_priority_1.JobPriority.Normal,
        comment: "Order among the owner's jobs waiting for the same service: high, normal or low",
    }),
    __metadata("design:type", String)
], Job.prototype, "priority", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'queued_at',
        type: 'timestamptz',
        nullable: true,
        comment: "Since when the current step waits in its service's line for a slot; null when not waiting. Time in line moves deadline_at on",
    }),
    __metadata("design:type", Object)
], Job.prototype, "queuedAt", void 0);
__decorate([
    (0, typeorm_1.OneToMany)('JobStep', (step) => step.job),
    __metadata("design:type", Array)
], Job.prototype, "steps", void 0);
exports.Job = Job = __decorate([
    (0, typeorm_1.Entity)({ name: 'jobs', comment: 'One row per track request; the single source of truth.' }),
    (0, typeorm_1.Index)('jobs_owner_idempotency_key_uq', ['owner', 'idempotencyKey'], {
        unique: true,
        where: 'idempotency_key IS NOT NULL',
    }),
    (0, typeorm_1.Index)('jobs_unfinished_created_idx', ['createdAt'], { where: 'finished_at IS NULL' }),
    (0, typeorm_1.Index)('jobs_created_idx', ['createdAt', 'id']),
    (0, typeorm_1.Index)('jobs_owner_created_idx', ['owner', 'createdAt', 'id']),
    (0, typeorm_1.Index)('jobs_owner_unfinished_idx', ['owner'], { where: 'finished_at IS NULL' }),
    (0, typeorm_1.Index)('jobs_status_created_idx', ['status', 'createdAt', 'id'])
], Job);
//# sourceMappingURL=job.entity.js.map