"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobDeletionModule = void 0;
const common_1 = require("@nestjs/common");
const artifact_urls_module_1 = require("../artifacts/artifact-urls.module");
const job_deletion_service_1 = require("./job-deletion.service");
const job_file_remover_1 = require("./job-file-remover");
const retention_repository_1 = require("./retention.repository");
let JobDeletionModule = class JobDeletionModule {
};
exports.JobDeletionModule = JobDeletionModule;
exports.JobDeletionModule = JobDeletionModule = __decorate([
    (0, common_1.Module)({
        imports: [artifact_urls_module_1.ArtifactUrlsModule],
        providers: [retention_repository_1.RetentionRepository, job_file_remover_1.JobFileRemover, job_deletion_service_1.JobDeletion],
        exports: [retention_repository_1.RetentionRepository, job_file_remover_1.JobFileRemover, job_deletion_service_1.JobDeletion],
    })
], JobDeletionModule);
//# sourceMappingURL=job-deletion.module.js.map