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
exports.JobArtifactsService = void 0;
const common_1 = require("@nestjs/common");
const job_id_1 = require("../jobs/job-id");
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const jobs_errors_1 = require("../jobs/jobs.errors");
const jobs_repository_1 = require("../jobs/jobs.repository");
const artifact_urls_1 = require("./artifact-urls");
const content_types_1 = require("./content-types");
const job_artifacts_1 = require("./job-artifacts");
let JobArtifactsService = class JobArtifactsService {
    jobs;
    urls;
    constructor(jobs, urls) {
        this.jobs = jobs;
        this.urls = urls;
    }
    async list(jobId, owner) {
        const job = (0, job_id_1.isJobId)(jobId) ? await this.jobs.findJob(jobId, owner) : undefined;
        if (!job)
            throw new jobs_errors_1.JobNotFoundError();
        const sources = (0, job_artifacts_1.artifactSources)(job.steps, job.result?.final_track_url);
        const artifacts = await Promise.all(sources.map((source) => this.describe(source)));
        return {
            jobId: job.id,
            status: job.status,
            artifacts: artifacts.filter((artifact) => artifact !== undefined),
        };
    }
    async describe(source) {
        const location = this.urls.locate(source.location);
        let sizeBytes = null;
        if (location.file !== undefined) {
            const info = await (0, promises_1.stat)(location.file).catch(() => undefined);
            if (!info?.isFile())
                return undefined;
            sizeBytes = info.size;
        }
        return {
            kind: source.kind,
            name: location.file !== undefined ? (0, node_path_1.basename)(location.file) : lastSegment(location.url),
            instrument: source.instrument,
            url: location.url,
            sizeBytes,
            contentType: (0, content_types_1.contentTypeFor)(location.file ?? location.url),
        };
    }
};
exports.JobArtifactsService = JobArtifactsService;
exports.JobArtifactsService = JobArtifactsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jobs_repository_1.JobsRepository,
        artifact_urls_1.ArtifactUrls])
], JobArtifactsService);
function lastSegment(url) {
    const segment = (URL.canParse(url) ? new URL(url).pathname : url).split('/').pop() ?? '';
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
//# sourceMappingURL=job-artifacts.service.js.map