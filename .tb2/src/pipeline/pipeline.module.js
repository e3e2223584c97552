"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PipelineModule = void 0;
const common_1 = require("@nestjs/common");
const artifact_urls_module_1 = require("../artifacts/artifact-urls.module");
const cancellation_module_1 = require("../cancellation/cancellation.module");
const clients_module_1 = require("../clients/clients.module");
const jobs_data_module_1 = require("../jobs/jobs-data.module");
const pipeline_runner_1 = require("./pipeline.runner");
const pipeline_worker_1 = require("./pipeline.worker");
const queue_module_1 = require("./queue.module");
const reconciler_service_1 = require("./reconciler.service");
const retry_schedule_repository_1 = require("./retry-schedule.repository");
const step_executor_1 = require("./step-executor");
let PipelineModule = class PipelineModule {
};
exports.PipelineModule = PipelineModule;
exports.PipelineModule = PipelineModule = __decorate([
    (0, common_1.Module)({
        imports: [queue_module_1.QueueModule, cancellation_module_1.CancellationModule, clients_module_1.ClientsModule, jobs_data_module_1.JobsDataModule, artifact_urls_module_1.ArtifactUrlsModule],
        providers: [step_executor_1.StepExecutor, pipeline_runner_1.PipelineRunner, pipeline_worker_1.PipelineWorker, reconciler_service_1.Reconciler, retry_schedule_repository_1.RetrySchedule],
        exports: [reconciler_service_1.Reconciler],
    })
], PipelineModule);
//# sourceMappingURL=pipeline.module.js.map