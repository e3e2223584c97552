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
exports.HealthMessageDto = exports.ErrorResponseDto = exports.FieldErrorDto = exports.JobResponseDto = exports.QueueStandingDto = exports.JobStepDto = exports.StepAttemptDto = exports.JobErrorDto = exports.JobResultDto = exports.CreateTrackResponseDto = void 0;
const job_priority_1 = require("../job-priority");
const swagger_1 = require("@nestjs/swagger");
const steps_1 = require("../../pipeline/steps");
const job_status_1 = require("../job-status");
class CreateTrackResponseDto {
    job_id;
    status;
    details;
}
exports.CreateTrackResponseDto = CreateTrackResponseDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    __metadata("design:type", String)
], CreateTrackResponseDto.prototype, "job_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: job_status_1.JobStatus, example: job_status_1.JobStatus.Pending }),
    __metadata("design:type", String)
], CreateTrackResponseDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Job has been queued.' }),
    __metadata("design:type", String)
], CreateTrackResponseDto.prototype, "details", void 0);
class JobResultDto {
    step;
    final_track_url;
    error;
}
exports.JobResultDto = JobResultDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'While PROCESSING: the step running now.',
        example: 'Generating Sound',
    }),
    __metadata("design:type", String)
], JobResultDto.prototype, "step", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'On SUCCESS: where to download the mastered track (24-bit 48 kHz WAV).',
        example: 'http://127.0.0.1:3000/artifacts/output/job_3f9c2a1b7d4e_master.wav',
    }),
    __metadata("design:type", String)
], JobResultDto.prototype, "final_track_url", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: "On FAILURE or CANCELLED: what went wrong, in the failing service's own words.",
        example: 'sound-generation answered 400: instruments not supported',
    }),
    __metadata("design:type", String)
], JobResultDto.prototype, "error", void 0);
class JobErrorDto {
    step;
    message;
    service;
    status_code;
}
exports.JobErrorDto = JobErrorDto;
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: 'generate_sound' }),
    __metadata("design:type", Object)
], JobErrorDto.prototype, "step", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'sound-generation answered 400: instruments not supported' }),
    __metadata("design:type", String)
], JobErrorDto.prototype, "message", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 'sound-generation' }),
    __metadata("design:type", String)
], JobErrorDto.prototype, "service", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 400 }),
    __metadata("design:type", Number)
], JobErrorDto.prototype, "status_code", void 0);
class StepAttemptDto {
    attempt;
    started_at;
    finished_at;
    duration_ms;
    outcome;
    error;
    status_code;
}
exports.StepAttemptDto = StepAttemptDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1 }),
    __metadata("design:type", Number)
], StepAttemptDto.prototype, "attempt", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-11-24T10:00:00.000Z' }),
    __metadata("design:type", String)
], StepAttemptDto.prototype, "started_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-11-24T10:00:01.250Z' }),
    __metadata("design:type", String)
], StepAttemptDto.prototype, "finished_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1250 }),
    __metadata("design:type", Number)
], StepAttemptDto.prototype, "duration_ms", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: ['succeeded', 'retrying', 'failed', 'cancelled', 'interrupted'],
        example: 'retrying',
    }),
    __metadata("design:type", String)
], StepAttemptDto.prototype, "outcome", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 'sound-generation answered 503: busy' }),
    __metadata("design:type", String)
], StepAttemptDto.prototype, "error", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 503 }),
    __metadata("design:type", Number)
], StepAttemptDto.prototype, "status_code", void 0);
class JobStepDto {
    name;
    label;
    status;
    attempts;
    started_at;
    finished_at;
    duration_ms;
    error;
    attempt_log;
}
exports.JobStepDto = JobStepDto;
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: steps_1.STEP_NAMES,
        example: 'generate_sound',
    }),
    __metadata("design:type", String)
], JobStepDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Generating Sound' }),
    __metadata("design:type", String)
], JobStepDto.prototype, "label", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: job_status_1.StepStatus, example: job_status_1.StepStatus.Succeeded }),
    __metadata("design:type", String)
], JobStepDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Calls made to the service in the current run.', example: 1 }),
    __metadata("design:type", Number)
], JobStepDto.prototype, "attempts", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: '2026-11-24T10:00:00.000Z' }),
    __metadata("design:type", Object)
], JobStepDto.prototype, "started_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: '2026-11-24T10:00:01.250Z' }),
    __metadata("design:type", Object)
], JobStepDto.prototype, "finished_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: Number, example: 1250 }),
    __metadata("design:type", Object)
], JobStepDto.prototype, "duration_ms", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: null }),
    __metadata("design:type", Object)
], JobStepDto.prototype, "error", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [StepAttemptDto] }),
    __metadata("design:type", Array)
], JobStepDto.prototype, "attempt_log", void 0);
class QueueStandingDto {
    step;
    position;
    eta_seconds;
}
exports.QueueStandingDto = QueueStandingDto;
__decorate([
    (0, swagger_1.ApiProperty)({ enum: steps_1.STEP_NAMES, example: 'generate_sound', description: 'The step waiting.' }),
    __metadata("design:type", String)
], QueueStandingDto.prototype, "step", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 3,
        description: "Its place in the service's line: 1 is next. API keys take turns, so other keys' backlogs add at most one step per turn.",
    }),
    __metadata("design:type", Number)
], QueueStandingDto.prototype, "position", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 90,
        description: "Estimated seconds until its call starts, from the service's recent call times and its current limit.",
    }),
    __metadata("design:type", Number)
], QueueStandingDto.prototype, "eta_seconds", void 0);
class JobResponseDto {
    job_id;
    status;
    result;
    prompt;
    reference_track_url;
    current_step;
    priority;
    queue;
    error;
    steps;
    runs;
    created_at;
    updated_at;
    started_at;
    finished_at;
    cancel_requested_at;
}
exports.JobResponseDto = JobResponseDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    __metadata("design:type", String)
], JobResponseDto.prototype, "job_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: job_status_1.JobStatus, example: job_status_1.JobStatus.Processing }),
    __metadata("design:type", String)
], JobResponseDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: JobResultDto,
        nullable: true,
        description: 'As in the original service: `{step}` while processing, `{final_track_url}` on success, `{error, step}` on failure; null while pending.',
    }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "result", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.' }),
    __metadata("design:type", String)
], JobResponseDto.prototype, "prompt", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: null }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "reference_track_url", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: 'generate_sound' }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "current_step", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: job_priority_1.JobPriority,
        enumName: 'JobPriority',
        example: job_priority_1.JobPriority.Normal,
        description: "Order among this key's own jobs waiting for the same service.",
    }),
    __metadata("design:type", String)
], JobResponseDto.prototype, "priority", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: QueueStandingDto,
        nullable: true,
        description: "While the job waits for a slot of its step's service (the step is `QUEUED`): its place in that line. Null otherwise.",
    }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "queue", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: JobErrorDto, nullable: true }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "error", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [JobStepDto] }),
    __metadata("design:type", Array)
], JobResponseDto.prototype, "steps", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'How many times a worker has started this job.', example: 1 }),
    __metadata("design:type", Number)
], JobResponseDto.prototype, "runs", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-11-24T10:00:00.000Z' }),
    __metadata("design:type", String)
], JobResponseDto.prototype, "created_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-11-24T10:00:02.000Z' }),
    __metadata("design:type", String)
], JobResponseDto.prototype, "updated_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: '2026-11-24T10:00:00.050Z' }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "started_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: null }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "finished_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, example: null }),
    __metadata("design:type", Object)
], JobResponseDto.prototype, "cancel_requested_at", void 0);
class FieldErrorDto {
    field;
    message;
}
exports.FieldErrorDto = FieldErrorDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'prompt' }),
    __metadata("design:type", String)
], FieldErrorDto.prototype, "field", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'prompt must not be empty or only whitespace' }),
    __metadata("design:type", String)
], FieldErrorDto.prototype, "message", void 0);
class ErrorResponseDto {
    detail;
    errors;
}
exports.ErrorResponseDto = ErrorResponseDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Job not found' }),
    __metadata("design:type", String)
], ErrorResponseDto.prototype, "detail", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Per-field problems, for validation errors.',
        example: [{ field: 'prompt', message: 'prompt must not be empty or only whitespace' }],
        type: [FieldErrorDto],
    }),
    __metadata("design:type", Array)
], ErrorResponseDto.prototype, "errors", void 0);
class HealthMessageDto {
    message;
}
exports.HealthMessageDto = HealthMessageDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Music production orchestrator is running.' }),
    __metadata("design:type", String)
], HealthMessageDto.prototype, "message", void 0);
//# sourceMappingURL=job-responses.dto.js.map