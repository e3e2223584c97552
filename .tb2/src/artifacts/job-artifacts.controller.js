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
exports.JobArtifactsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const request_origin_1 = require("../http/request-origin");
const job_responses_dto_1 = require("../jobs/dto/job-responses.dto");
const artifact_links_1 = require("./artifact-links");
const artifact_urls_1 = require("./artifact-urls");
const job_artifacts_dto_1 = require("./dto/job-artifacts.dto");
const job_artifacts_service_1 = require("./job-artifacts.service");
let JobArtifactsController = class JobArtifactsController {
    artifacts;
    links;
    constructor(artifacts, links) {
        this.artifacts = artifacts;
        this.links = links;
    }
    async list(jobId, req, principal) {
        const listed = await this.artifacts.list(jobId, (0, principal_1.ownerScope)(principal));
        const origin = (0, request_origin_1.requestOrigin)(req);
        const sign = await this.links.signerFor(origin);
        return {
            job_id: listed.jobId,
            status: listed.status,
            artifacts: listed.artifacts.map((artifact) => ({
                kind: artifact.kind,
                name: artifact.name,
                instrument: artifact.instrument,
                url: sign((0, artifact_urls_1.absoluteUrl)(artifact.url, origin)),
                size_bytes: artifact.sizeBytes,
                content_type: artifact.contentType,
            })),
        };
    }
};
exports.JobArtifactsController = JobArtifactsController;
__decorate([
    (0, common_1.Get)('jobs/:job_id/artifacts'),
    (0, swagger_1.ApiOperation)({
        summary: 'Stems and final track of one job',
        description: 'Every stem from sound generation and the mastered track, with download URL, size and content type. A job of another API key is not found. With API keys configured, the URLs of files served here are signed (`expires`, `signature`) so a browser can play them without a header.',
    }),
    (0, swagger_1.ApiOkResponse)({ type: job_artifacts_dto_1.JobArtifactsResponseDto }),
    (0, swagger_1.ApiNotFoundResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: '`{"detail": "Job not found"}`' }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], JobArtifactsController.prototype, "list", null);
exports.JobArtifactsController = JobArtifactsController = __decorate([
    (0, swagger_1.ApiTags)('artifacts'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [job_artifacts_service_1.JobArtifactsService,
        artifact_links_1.ArtifactLinks])
], JobArtifactsController);
//# sourceMappingURL=job-artifacts.controller.js.map