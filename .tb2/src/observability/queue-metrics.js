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
exports.QueueMetrics = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
const metrics_1 = require("./metrics");
const pipeline_constants_1 = require("../pipeline/pipeline.constants");
let QueueMetrics = class QueueMetrics {
    constructor(metrics, queue) {
        new prom_client_1.Gauge({
            name: 'orchestrator_queue_jobs',
            help: 'Jobs in the Bull queue by state',
            labelNames: ['state'],
            registers: [metrics.registry],
            async collect() {
                if (queue.client.status !== 'ready')
                    return;
                const counts = await queue.getJobCounts();
                for (const state of ['waiting', 'active', 'delayed', 'failed'])
                    this.set({ state }, counts[state]);
            },
        });
    }
};
exports.QueueMetrics = QueueMetrics;
exports.QueueMetrics = QueueMetrics = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, bull_1.InjectQueue)(pipeline_constants_1.PIPELINE_QUEUE)),
    __metadata("design:paramtypes", [metrics_1.Metrics, Object])
], QueueMetrics);
//# sourceMappingURL=queue-metrics.js.map