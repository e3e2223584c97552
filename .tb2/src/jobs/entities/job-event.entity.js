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
exports.JobEvent = void 0;
const typeorm_1 = require("typeorm");
let JobEvent = class JobEvent {
    id;
    jobId;
    job;
    type;
    data;
    createdAt;
};
exports.JobEvent = JobEvent;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({
        type: 'bigint',
        comment: 'Increasing event id; the SSE id and the webhook-id (msg_<id>)',
    }),
    __metadata("design:type", String)
], JobEvent.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'job_id', type: 'uuid', comment: 'The job this event belongs to' }),
    __metadata("design:type", String)
], JobEvent.prototype, "jobId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)('Job', { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'job_id' }),
    __metadata("design:type", Function)
], JobEvent.prototype, "job", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'varchar',
        length: 48,
        comment: 'job.status, step.started, step.succeeded, step.retrying, step.failed, cancel.requested',
    }),
    __metadata("design:type", String)
], JobEvent.prototype, "type", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'jsonb',
        default: () => "'{}'",
        comment: 'Event details: status, step, error, duration_ms, ...',
    }),
    __metadata("design:type", Object)
], JobEvent.prototype, "data", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'created_at',
        type: 'timestamptz',
        default: () => 'now()',
        comment: 'When the change was committed',
    }),
    __metadata("design:type", Date)
], JobEvent.prototype, "createdAt", void 0);
exports.JobEvent = JobEvent = __decorate([
    (0, typeorm_1.Entity)({
        name: 'job_events',
        comment: 'Append-only job history: status changes, step events, cancels',
    }),
    (0, typeorm_1.Index)('job_events_job_id_id_idx', ['jobId', 'id'])
], JobEvent);
//# sourceMappingURL=job-event.entity.js.map