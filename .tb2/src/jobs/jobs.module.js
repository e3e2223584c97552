"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobsModule = void 0;
const common_1 = require("@nestjs/common");
const artifacts_module_1 = require("../artifacts/artifacts.module");
const cancellation_module_1 = require("../cancellation/cancellation.module");
const queue_module_1 = require("../pipeline/queue.module");
const job_deletion_module_1 = require("../retention/job-deletion.module");
const jobs_controller_1 = require("./jobs.controller");
const jobs_data_module_1 = require("./jobs-data.module");
const jobs_service_1 = require("./jobs.service");
let JobsModule = class JobsModule {
};
exports.JobsModule = JobsModule;
exports.JobsModule = JobsModule = __decorate([
    (0, common_1.Module)({
        imports: [jobs_data_module_1.JobsDataModule, queue_module_1.QueueModule, cancellation_module_1.CancellationModule, artifacts_module_1.ArtifactsModule, job_deletion_module_1.JobDeletionModule],
        controllers: [jobs_controller_1.JobsController],
        providers: [jobs_service_1.JobsService],
    })
], JobsModule);
//# sourceMappingURL=jobs.module.js.map