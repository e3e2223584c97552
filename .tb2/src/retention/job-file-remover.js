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
var JobFileRemover_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobFileRemover = void 0;
const common_1 = require("@nestjs/common");
const promises_1 = require("node:fs/promises");
const artifact_urls_1 = require("../artifacts/artifact-urls");
const job_artifacts_1 = require("../artifacts/job-artifacts");
let JobFileRemover = JobFileRemover_1 = class JobFileRemover {
    urls;
    logger = new common_1.Logger(JobFileRemover_1.name);
    constructor(urls) {
        this.urls = urls;
    }
    async remove(jobs) {
        const removed = { removable: [], files: 0 };
        for (const job of jobs) {
            const files = this.filesOf(job);
            const outcomes = await Promise.allSettled(files.map((file) => removeFile(file)));
            let kept = false;
            for (const [index, outcome] of outcomes.entries()) {
                if (outcome.status === 'fulfilled') {
                    if (outcome.value)
                        removed.files++;
                    continue;
                }
                kept = true;
                this.logger.warn({
                    job_id: job.id,
                    file: files[index],
                    msg: 'Could not delete an artifact; the job is kept until it can be',
                    err: String(outcome.reason),
                });
            }
            if (!kept)
                removed.removable.push(job.id);
        }
        return removed;
    }
    filesOf(job) {
        const files = (0, job_artifacts_1.artifactSources)(job.steps, job.final_track_url)
            .map((source) => this.urls.fileInArtifacts(source.location))
            .filter((file) => file !== undefined);
        return [...new Set(files)];
    }
};
exports.JobFileRemover = JobFileRemover;
exports.JobFileRemover = JobFileRemover = JobFileRemover_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [artifact_urls_1.ArtifactUrls])
], JobFileRemover);
async function removeFile(file) {
    try {
        await (0, promises_1.unlink)(file);
        return true;
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return false;
        throw error;
    }
}
//# sourceMappingURL=job-file-remover.js.map