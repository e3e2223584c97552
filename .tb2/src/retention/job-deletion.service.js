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
exports.JobDeletion = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const job_file_remover_1 = require("./job-file-remover");
const retention_repository_1 = require("./retention.repository");
let JobDeletion = class JobDeletion {
    db;
    jobs;
    files;
    constructor(db, jobs, files) {
        this.db = db;
        this.jobs = jobs;
        this.files = files;
    }
    async deleteFinished(jobId, owner) {
        return this.jobs.deleteFinishedJob(this.db.manager, jobId, owner, (jobs) => this.files.remove(jobs));
    }
};
exports.JobDeletion = JobDeletion;
exports.JobDeletion = JobDeletion = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource,
        retention_repository_1.RetentionRepository,
        job_file_remover_1.JobFileRemover])
], JobDeletion);
//# sourceMappingURL=job-deletion.service.js.map