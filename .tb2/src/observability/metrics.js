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
Object.defineProperty(exports, "__esModule", { value: true });
exports.Metrics = void 0;
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
let Metrics = class Metrics {
    registry = new prom_client_1.Registry();
    jobsCreated = new prom_client_1.Counter({
        name: 'orchestrator_jobs_created_total',
        help: 'Jobs created through the API',
        registers: [this.registry],
    });
    jobsFinished = new prom_client_1.Counter({
        name: 'orchestrator_jobs_finished_total',
        help: 'Jobs that reached a terminal status, by status',
        labelNames: ['status'],
        registers: [this.registry],
    });
    stepDuration = new prom_client_1.Histogram({
        name: 'orchestrator_step_duration_seconds',
        help: 'Duration of each service call attempt, by step and outcome',
        labelNames: ['step', 'outcome'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
        registers: [this.registry],
    });
    stepAttempts = new prom_client_1.Counter({
        name: 'orchestrator_step_attempts_total',
        help: 'Service call attempts, by step and outcome',
        labelNames: ['step', 'outcome'],
        registers: [this.registry],
    });
    httpDuration = new prom_client_1.Histogram({
        name: 'orchestrator_http_request_duration_seconds',
        help: 'HTTP request duration, by method, route and status code',
        labelNames: ['method', 'route', 'status_code'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [this.registry],
    });
    webhookDeliveries = new prom_client_1.Counter({
        name: 'orchestrator_webhook_deliveries_total',
        help: 'Webhook delivery attempts, by outcome (delivered, retrying, failed)',
        labelNames: ['outcome'],
        registers: [this.registry],
    });
    retentionDeleted = new prom_client_1.Counter({
        name: 'orchestrator_retention_deleted_total',
        help: 'Removed by the retention sweep, by kind (job: rows with steps, events and deliveries; file: artifacts)',
        labelNames: ['kind'],
        registers: [this.registry],
    });
    serviceRejected = new prom_client_1.Counter({
        name: 'orchestrator_service_rejected_total',
        help: 'Calls a service refused as over its capacity (429 or 503), by service',
        labelNames: ['service'],
        registers: [this.registry],
    });
    serviceWait = new prom_client_1.Histogram({
        name: 'orchestrator_service_wait_seconds',
        help: 'Time a step waited in its service line before its call, by service',
        labelNames: ['service'],
        buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
        registers: [this.registry],
    });
    serviceLines = () => Promise.resolve([]);
    constructor() {
        (0, prom_client_1.collectDefaultMetrics)({ register: this.registry });
        const lines = () => this.serviceLines();
        const gauge = (name, help, pick) => new prom_client_1.Gauge({
            name,
            help,
            labelNames: ['service'],
            registers: [this.registry],
            async collect() {
                for (const line of await lines().catch(() => []))
                    this.set({ service: line.service }, pick(line));
            },
        });
        gauge('orchestrator_service_in_flight', 'Calls holding a slot of the service, all workers', (l) => l.inFlight);
        gauge('orchestrator_service_limit', 'Calls the service is given at once now (configured or learnt)', (l) => l.limit);
        gauge('orchestrator_service_waiting', 'Steps waiting in the service line for a slot', (l) => l.waiting);
    }
    watchServiceLines(read) {
        this.serviceLines = read;
    }
    stepAttempt(step, outcome, durationMs) {
        this.stepDuration.observe({ step, outcome }, durationMs / 1000);
        this.stepAttempts.inc({ step, outcome });
    }
};
exports.Metrics = Metrics;
exports.Metrics = Metrics = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [])
], Metrics);
//# sourceMappingURL=metrics.js.map