"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CancellationModule = void 0;
const common_1 = require("@nestjs/common");
const jobs_data_module_1 = require("../jobs/jobs-data.module");
const queue_module_1 = require("../pipeline/queue.module");
const cancel_signals_1 = require("./cancel-signals");
const cancel_watch_1 = require("./cancel-watch");
const job_cancellation_service_1 = require("./job-cancellation.service");
let CancellationModule = class CancellationModule {
};
exports.CancellationModule = CancellationModule;
exports.CancellationModule = CancellationModule = __decorate([
    (0, common_1.Module)({
        imports: [queue_module_1.QueueModule, jobs_data_module_1.JobsDataModule],
        providers: [cancel_signals_1.CancelSignals, job_cancellation_service_1.JobCancellation, cancel_watch_1.CancelWatch],
        exports: [cancel_signals_1.CancelSignals, job_cancellation_service_1.JobCancellation, cancel_watch_1.CancelWatch],
    })
], CancellationModule);
//# sourceMappingURL=cancellation.module.js.map