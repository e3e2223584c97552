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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const artifact_links_1 = require("../artifacts/artifact-links");
const principal_1 = require("../auth/principal");
const json_body_guard_1 = require("../http/json-body.guard");
const request_origin_1 = require("../http/request-origin");
const create_track_dto_1 = require("./dto/create-track.dto");
const job_responses_dto_1 = require("./dto/job-responses.dto");
const idempotency_key_1 = require("./idempotency-key");
const list_jobs_dto_1 = require("./dto/list-jobs.dto");
const job_view_1 = require("./job-view");
const jobs_service_1 = require("./jobs.service");
let JobsController = class JobsController {
    jobs;
    links;
    constructor(jobs, links) {
        this.jobs = jobs;
        this.links = links;
    }
    async view(job, req) {
        const origin = (0, request_origin_1.requestOrigin)(req);
        return (0, job_view_1.toJobResponse)(job, origin, await this.links.signerFor(origin));
    }
    async createTrack(body, idempotencyKey, reply, principal) {
        const created = await this.jobs.create(body, (0, idempotency_key_1.parseIdempotencyKey)(idempotencyKey), principal.name);
        if (created.replayed) {
            const job = await this.jobs.get(created.jobId);
            reply.status(200);
            return {
                job_id: job.id,
                status: job.status,
                details: 'Job already exists for this Idempotency-Key.',
            };
        }
        return {
            job_id: created.jobId,
            status: 'PENDING',
            details: 'Job has been queued.',
        };
    }
    async listJobs(query, req, principal) {
        const page = await this.jobs.list(query, (0, principal_1.ownerScope)(principal));
        const origin = (0, request_origin_1.requestOrigin)(req);
        const sign = await this.links.signerFor(origin);
        return {
            items: page.jobs.map((job) => (0, job_view_1.toJobSummary)(job, origin, sign)),
            next_cursor: page.nextCursor,
        };
    }
    async getJob(jobId, req, principal) {
        return this.view(await this.jobs.get(jobId, (0, principal_1.ownerScope)(principal)), req);
    }
    async cancel(jobId, req, principal) {
        return this.view(await this.jobs.cancel(jobId, (0, principal_1.ownerScope)(principal)), req);
    }
    async retry(jobId, req, principal) {
        return this.view(await this.jobs.retry(jobId, principal.name, (0, principal_1.ownerScope)(principal)), req);
    }
    async deleteJob(jobId, principal) {
        await this.jobs.delete(jobId, (0, principal_1.ownerScope)(principal));
    }
};
exports.JobsController = JobsController;
__decorate([
    (0, common_1.Post)('create-track'),
    (0, common_1.HttpCode)(202),
    (0, common_1.UseGuards)(json_body_guard_1.JsonBodyGuard),
    (0, swagger_1.ApiOperation)({
        summary: 'Queue a new track',
        description: 'Stores the job and queues it; poll `GET /jobs/{job_id}` for progress. With an `Idempotency-Key`, a repeat of the same request returns the first job (200) instead of creating another.',
    }),
    (0, swagger_1.ApiHeader)({
        name: 'Idempotency-Key',
        required: false,
        description: 'Up to 255 printable characters.',
        example: 'order-42',
    }),
    (0, swagger_1.ApiAcceptedResponse)({ type: job_responses_dto_1.CreateTrackResponseDto, description: 'Job created and queued.' }),
    (0, swagger_1.ApiOkResponse)({
        type: job_responses_dto_1.CreateTrackResponseDto,
        description: 'Replay of an earlier request with the same Idempotency-Key.',
    }),
    (0, swagger_1.ApiBadRequestResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'A field is missing or malformed; `detail` names it.',
    }),
    (0, swagger_1.ApiPayloadTooLargeResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: 'Body over 64 KiB.' }),
    (0, swagger_1.ApiUnsupportedMediaTypeResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'Body is not application/json.',
    }),
    (0, swagger_1.ApiUnprocessableEntityResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'Idempotency-Key reused with a different body.',
    }),
    (0, swagger_1.ApiTooManyRequestsResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The key has used its RATE_LIMIT_CREATE_PER_MINUTE creates and retries; `Retry-After` says when to try again.',
    }),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, common_1.Headers)('idempotency-key')),
    __param(2, (0, common_1.Res)({ passthrough: true })),
    __param(3, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [create_track_dto_1.CreateTrackDto, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "createTrack", null);
__decorate([
    (0, common_1.Get)('jobs'),
    (0, swagger_1.ApiOperation)({
        summary: 'List and search jobs',
        description: 'Newest first, one page at a time: pass `next_cursor` back as `cursor` (with the same filters) until it is null. A key sees only its own jobs; an admin key sees all. Each item is the job as `GET /jobs/{job_id}` shows it, without `steps`.',
    }),
    (0, swagger_1.ApiOkResponse)({ type: list_jobs_dto_1.JobListResponseDto }),
    (0, swagger_1.ApiBadRequestResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'A parameter is malformed (unknown status, limit outside 1-100, bad date, forged cursor); `detail` names it.',
    }),
    __param(0, (0, common_1.Query)()),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [list_jobs_dto_1.ListJobsQueryDto, Object, Object]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "listJobs", null);
__decorate([
    (0, common_1.Get)('jobs/:job_id'),
    (0, swagger_1.ApiOperation)({ summary: 'Status, result and steps of one job' }),
    (0, swagger_1.ApiOkResponse)({ type: job_responses_dto_1.JobResponseDto }),
    (0, swagger_1.ApiNotFoundResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: '`{"detail": "Job not found"}`' }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "getJob", null);
__decorate([
    (0, common_1.Post)('jobs/:job_id/cancel'),
    (0, common_1.HttpCode)(202),
    (0, swagger_1.ApiOperation)({
        summary: 'Cancel a job',
        description: 'A waiting job ends CANCELLED at once. A running job has its in-flight service call aborted and ends CANCELLED within about two seconds; no later step runs.',
    }),
    (0, swagger_1.ApiAcceptedResponse)({
        type: job_responses_dto_1.JobResponseDto,
        description: 'Cancelled, or cancel requested and under way.',
    }),
    (0, swagger_1.ApiNotFoundResponse)({ type: job_responses_dto_1.ErrorResponseDto }),
    (0, swagger_1.ApiConflictResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The job already finished; `detail` gives its status.',
    }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "cancel", null);
__decorate([
    (0, common_1.Post)('jobs/:job_id/retry'),
    (0, common_1.HttpCode)(202),
    (0, swagger_1.ApiOperation)({
        summary: 'Run a failed or cancelled job again',
        description: 'Resumes from the first step that did not complete; completed steps are not called again. Counts against the create rate limit of the key that asks.',
    }),
    (0, swagger_1.ApiAcceptedResponse)({ type: job_responses_dto_1.JobResponseDto }),
    (0, swagger_1.ApiNotFoundResponse)({ type: job_responses_dto_1.ErrorResponseDto }),
    (0, swagger_1.ApiConflictResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The job is not FAILURE or CANCELLED.',
    }),
    (0, swagger_1.ApiTooManyRequestsResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'A retry counts as a create: the key has used its RATE_LIMIT_CREATE_PER_MINUTE; `Retry-After` says when to try again.',
    }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "retry", null);
__decorate([
    (0, common_1.Delete)('jobs/:job_id'),
    (0, common_1.HttpCode)(204),
    (0, swagger_1.ApiOperation)({
        summary: 'Delete a finished job',
        description: 'Removes a SUCCESS, FAILURE or CANCELLED job for good: its steps, events and pending webhook deliveries, and its stems and final track in ARTIFACTS_DIR (their links answer 404 from then on). A running job must be cancelled first.',
    }),
    (0, swagger_1.ApiNoContentResponse)({ description: 'Deleted.' }),
    (0, swagger_1.ApiBadRequestResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: 'The id is not a UUID.' }),
    (0, swagger_1.ApiNotFoundResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: "No such job (or another key's job, or already deleted).",
    }),
    (0, swagger_1.ApiConflictResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The job is PENDING or PROCESSING; `status` gives which. Nothing was deleted.',
    }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "deleteJob", null);
exports.JobsController = JobsController = __decorate([
    (0, swagger_1.ApiTags)('jobs'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [jobs_service_1.JobsService,
        artifact_links_1.ArtifactLinks])
], JobsController);
//# sourceMappingURL=jobs.controller.js.map