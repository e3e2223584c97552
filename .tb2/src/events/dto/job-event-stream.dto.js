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
exports.JobEventMessageDto = exports.JobEventsQueryDto = exports.EVENT_ID_MESSAGE = exports.EVENT_ID_PATTERN = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const webhook_event_types_1 = require("../../webhooks/webhook-event-types");
exports.EVENT_ID_PATTERN = /^\d{1,18}$/;
exports.EVENT_ID_MESSAGE = 'last_event_id must be a job event id (a non-negative integer)';
class JobEventsQueryDto {
    last_event_id;
}
exports.JobEventsQueryDto = JobEventsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Resume after this event id, for clients that cannot send the `Last-Event-ID` header (the header wins when both are sent).',
        example: '1042',
        pattern: exports.EVENT_ID_PATTERN.source,
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(exports.EVENT_ID_PATTERN, { message: exports.EVENT_ID_MESSAGE }),
    __metadata("design:type", String)
], JobEventsQueryDto.prototype, "last_event_id", void 0);
class JobEventMessageDto {
    id;
    job_id;
    type;
    data;
    created_at;
}
exports.JobEventMessageDto = JobEventMessageDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Event id, increasing; also the SSE `id:`.', example: 1042 }),
    __metadata("design:type", Number)
], JobEventMessageDto.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    __metadata("design:type", String)
], JobEventMessageDto.prototype, "job_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: webhook_event_types_1.JOB_EVENT_TYPES,
        description: 'Also the SSE `event:`.',
        example: 'step.succeeded',
    }),
    __metadata("design:type", String)
], JobEventMessageDto.prototype, "type", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'object',
        additionalProperties: true,
        description: 'job.status: `{status}` (+ `error` on FAILURE, `retry: true` when a job is retried); step.started: `{step}`; step.succeeded: `{step, duration_ms}`; step.retrying: `{step, error, attempt, retry_in_ms}`; step.failed: `{step, error}`; cancel.requested: `{}`.',
        example: { step: 'generate_sound', duration_ms: 8421 },
    }),
    __metadata("design:type", Object)
], JobEventMessageDto.prototype, "data", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2026-11-24T10:00:09.500Z' }),
    __metadata("design:type", String)
], JobEventMessageDto.prototype, "created_at", void 0);
//# sourceMappingURL=job-event-stream.dto.js.map