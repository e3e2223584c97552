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
exports.MetricsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const admin_only_guard_1 = require("../auth/admin-only.guard");
const job_responses_dto_1 = require("../jobs/dto/job-responses.dto");
const metrics_1 = require("./metrics");
let MetricsController = class MetricsController {
    metrics;
    constructor(metrics) {
        this.metrics = metrics;
    }
    scrape() {
        return this.metrics.registry.metrics();
    }
};
exports.MetricsController = MetricsController;
__decorate([
    (0, common_1.Get)(),
    (0, common_1.Header)('content-type', 'text/plain; version=0.0.4; charset=utf-8'),
    (0, swagger_1.ApiOperation)({
        summary: 'Prometheus metrics (admin key)',
        description: 'Jobs created and finished by status, step duration histograms and attempts by step and outcome, queue waiting/active/delayed, HTTP request durations, webhook delivery outcomes, and the process defaults. With API keys configured it needs an admin key; Prometheus sends it with `authorization: {type: Bearer, credentials: <key>}` in the scrape config.',
    }),
    (0, swagger_1.ApiProduces)('text/plain'),
    (0, swagger_1.ApiOkResponse)({ schema: { type: 'string', example: 'orchestrator_jobs_created_total 42\n' } }),
    (0, swagger_1.ApiForbiddenResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: '`{"detail": "This route needs an admin API key"}`',
    }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], MetricsController.prototype, "scrape", null);
exports.MetricsController = MetricsController = __decorate([
    (0, swagger_1.ApiTags)('health'),
    (0, common_1.UseGuards)(admin_only_guard_1.AdminOnlyGuard),
    (0, common_1.Controller)('metrics'),
    __metadata("design:paramtypes", [metrics_1.Metrics])
], MetricsController);
//# sourceMappingURL=metrics.controller.js.map