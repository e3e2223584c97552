"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HealthModule = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const terminus_1 = require("@nestjs/terminus");
const metrics_controller_1 = require("../observability/metrics.controller");
const pipeline_constants_1 = require("../pipeline/pipeline.constants");
const health_controller_1 = require("./health.controller");
const queue_metrics_1 = require("../observability/queue-metrics");
let HealthModule = class HealthModule {
};
exports.HealthModule = HealthModule;
exports.HealthModule = HealthModule = __decorate([
    (0, common_1.Module)({
        imports: [terminus_1.TerminusModule, bull_1.BullModule.registerQueue({ name: pipeline_constants_1.PIPELINE_QUEUE })],
        controllers: [health_controller_1.HealthController, metrics_controller_1.MetricsController],
        providers: [queue_metrics_1.QueueMetrics],
    })
], HealthModule);
//# sourceMappingURL=health.module.js.map