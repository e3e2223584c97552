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
exports.JobListResponseDto = exports.JobSummaryDto = exports.ListJobsQueryDto = exports.SEARCH_MAX_LENGTH = exports.LIST_MAX_LIMIT = exports.LIST_DEFAULT_LIMIT = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const job_status_1 = require("../job-status");
const create_track_dto_1 = require("./create-track.dto");
const job_responses_dto_1 = require("./job-responses.dto");
exports.LIST_DEFAULT_LIMIT = 20;
exports.LIST_MAX_LIMIT = 100;
exports.SEARCH_MAX_LENGTH = 200;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;
function toStatusList({ value }) {
    const parts = Array.isArray(value) ? value : [value];
    return parts.flatMap((part) => typeof part === 'string' ? part.split(',').map((s) => s.trim().toUpperCase()) : [part]);
}
class ListJobsQueryDto {
    status;
    created_after;
    created_before;
    q;
    limit;
    cursor;
}
exports.ListJobsQueryDto = ListJobsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Only jobs in these states: one status, a comma-separated list, or the parameter repeated.',
        enum: job_status_1.JobStatus,
        isArray: true,
        example: 'FAILURE,CANCELLED',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toStatusList),
    (0, class_validator_1.ArrayMaxSize)(5, { message: 'status lists at most 5 statuses' }),
    (0, class_validator_1.IsEnum)(job_status_1.JobStatus, {
        each: true,
        message: `status must be one of ${Object.values(job_status_1.JobStatus).join(', ')}`,
    }),
    __metadata("design:type", Array)
], ListJobsQueryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Only jobs created at or after this time (ISO 8601).',
        format: 'date-time',
        example: '2026-11-24T00:00:00Z',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'created_after must be an ISO 8601 date-time, e.g. 2026-11-24T00:00:00Z' }),
    (0, class_validator_1.Matches)(DATE_TIME, {
        message: 'created_after must be an ISO 8601 date-time, e.g. 2026-11-24T00:00:00Z',
    }),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "created_after", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Only jobs created before this time (ISO 8601).',
        format: 'date-time',
        example: '2026-11-25T00:00:00Z',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'created_before must be an ISO 8601 date-time, e.g. 2026-11-25T00:00:00Z' }),
    (0, class_validator_1.Matches)(DATE_TIME, {
        message: 'created_before must be an ISO 8601 date-time, e.g. 2026-11-25T00:00:00Z',
    }),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "created_before", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Free text: only jobs whose prompt contains it (case-insensitive).',
        example: 'lo-fi piano',
        maxLength: exports.SEARCH_MAX_LENGTH,
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(exports.SEARCH_MAX_LENGTH, { message: `q must be at most ${exports.SEARCH_MAX_LENGTH} characters` }),
    (0, class_validator_1.Matches)(/\S/, { message: 'q must not be empty or only whitespace' }),
    (0, class_validator_1.NotContains)(create_track_dto_1.NUL, { message: 'q must not contain NUL characters (\\u0000)' }),
    (0, class_validator_1.IsString)({ message: 'q must be a string' }),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "q", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: `Page size, 1 to ${exports.LIST_MAX_LIMIT}.`,
        minimum: 1,
        maximum: exports.LIST_MAX_LIMIT,
        default: exports.LIST_DEFAULT_LIMIT,
        example: 20,
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.Min)(1, { message: `limit must be between 1 and ${exports.LIST_MAX_LIMIT}` }),
    (0, class_validator_1.Max)(exports.LIST_MAX_LIMIT, { message: `limit must be between 1 and ${exports.LIST_MAX_LIMIT}` }),
    (0, class_validator_1.IsInt)({ message: `limit must be a whole number between 1 and ${exports.LIST_MAX_LIMIT}` }),
    __metadata("design:type", Number)
], ListJobsQueryDto.prototype, "limit", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Opaque: the `next_cursor` of the previous page. Pass the same filters with it. Pages are stable while jobs are being created: each job listed when the first page was read appears exactly once.',
        example: 'eyJ0IjoiMjAyNi0xMS0yNFQxMDowMDowMC4wMDAwMDBaIiwiaSI6IjViMWYifQ',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)({ message: 'cursor must be a string' }),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "cursor", void 0);
class JobSummaryDto extends (0, swagger_1.OmitType)(job_responses_dto_1.JobResponseDto, ['steps']) {
}
exports.JobSummaryDto = JobSummaryDto;
class JobListResponseDto {
    items;
    next_cursor;
}
exports.JobListResponseDto = JobListResponseDto;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [JobSummaryDto], description: 'Newest first.' }),
    __metadata("design:type", Array)
], JobListResponseDto.prototype, "items", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: String,
        description: 'Pass as `cursor` for the next page; null on the last page.',
        example: 'eyJ0IjoiMjAyNi0xMS0yNFQxMDowMDowMC4wMDAwMDBaIiwiaSI6IjViMWYifQ',
    }),
    __metadata("design:type", Object)
], JobListResponseDto.prototype, "next_cursor", void 0);
//# sourceMappingURL=list-jobs.dto.js.map