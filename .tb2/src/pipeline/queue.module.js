"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueueModule = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const jobs_data_module_1 = require("../jobs/jobs-data.module");
const service_capacity_1 = require("./capacity/service-capacity");
const pipeline_constants_1 = require("./pipeline.constants");
const pipeline_producer_1 = require("./pipeline.producer");
let QueueModule = class QueueModule {
};
exports.QueueModule = QueueModule;
exports.QueueModule = QueueModule = __decorate([
    (0, common_1.Module)({
        imports: [bull_1.BullModule.registerQueue({ name: pipeline_constants_1.PIPELINE_QUEUE }), jobs_data_module_1.JobsDataModule],
        providers: [pipeline_producer_1.PipelineProducer, service_capacity_1.ServiceCapacity],
        exports: [bull_1.BullModule, pipeline_producer_1.PipelineProducer, service_capacity_1.ServiceCapacity],
    })
], QueueModule);
//# sourceMappingURL=queue.module.js.map