"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactsModule = void 0;
const common_1 = require("@nestjs/common");
const jobs_data_module_1 = require("../jobs/jobs-data.module");
const artifact_urls_module_1 = require("./artifact-urls.module");
const artifact_access_guard_1 = require("./artifact-access.guard");
const artifact_files_1 = require("./artifact-files");
const artifact_links_1 = require("./artifact-links");
const artifact_owners_repository_1 = require("./artifact-owners.repository");
const artifacts_controller_1 = require("./artifacts.controller");
const job_artifacts_controller_1 = require("./job-artifacts.controller");
const job_artifacts_service_1 = require("./job-artifacts.service");
let ArtifactsModule = class ArtifactsModule {
};
exports.ArtifactsModule = ArtifactsModule;
exports.ArtifactsModule = ArtifactsModule = __decorate([
    (0, common_1.Module)({
        imports: [jobs_data_module_1.JobsDataModule, artifact_urls_module_1.ArtifactUrlsModule],
        controllers: [artifacts_controller_1.ArtifactsController, job_artifacts_controller_1.JobArtifactsController],
        providers: [
            artifact_files_1.ArtifactFiles,
            artifact_links_1.ArtifactLinks,
            artifact_owners_repository_1.ArtifactOwnersRepository,
            artifact_access_guard_1.ArtifactAccessGuard,
            job_artifacts_service_1.JobArtifactsService,
        ],
        exports: [artifact_urls_module_1.ArtifactUrlsModule, artifact_links_1.ArtifactLinks],
    })
], ArtifactsModule);
//# sourceMappingURL=artifacts.module.js.map