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
exports.HealthController = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const terminus_1 = require("@nestjs/terminus");
const public_decorator_1 = require("../auth/public.decorator");
const pipeline_constants_1 = require("../pipeline/pipeline.constants");
const CHECK_TIMEOUT_MS = 1_500;
let HealthController = class HealthController {
    health;
    indicators;
    database;
    queue;
    constructor(health, indicators, database, queue) {
        this.health = health;
        this.indicators = indicators;
        this.database = database;
        this.queue = queue;
    }
    live() {
        return { status: 'ok' };
    }
    ready() {
        return this.health.check([
            () => this.database.pingCheck('postgres').withTimeout(CHECK_TIMEOUT_MS),
            () => this.indicators
                .check('redis')
                .attempt(async () => {
                if (this.queue.client.status !== 'ready')
                    throw new Error(`connection ${this.queue.client.status}`);
                await this.queue.client.ping();
            })
                .withTimeout(CHECK_TIMEOUT_MS),
            () => this.indicators
                .check('queue')
                .attempt(async () => {
                if (this.queue.client.status !== 'ready')
                    throw new Error('queue unreachable');
                const counts = await this.queue.getJobCounts();
                return { waiting: counts.waiting, active: counts.active, delayed: counts.delayed };
            })
                .withTimeout(CHECK_TIMEOUT_MS),
        ]);
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, common_1.Get)('live'),
    (0, swagger_1.ApiOperation)({ summary: 'Liveness: the process is up and serving' }),
    (0, swagger_1.ApiOkResponse)({ schema: { example: { status: 'ok' } } }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], HealthController.prototype, "live", null);
__decorate([
    (0, common_1.Get)('ready'),
    (0, terminus_1.HealthCheck)(),
    (0, swagger_1.ApiOperation)({ summary: 'Readiness: PostgreSQL, Redis and the queue answer within 1.5 s each' }),
    (0, swagger_1.ApiOkResponse)({
        schema: {
            example: {
                status: 'ok',
                info: {
                    postgres: { status: 'up' },
                    redis: { status: 'up' },
                    queue: { status: 'up', waiting: 0, active: 2, delayed: 1 },
                },
                error: {},
                details: {},
            },
        },
    }),
    (0, swagger_1.ApiServiceUnavailableResponse)({
        schema: {
            example: { status: 'error', error: { redis: { status: 'down', message: 'Timeout' } } },
        },
    }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "ready", null);
exports.HealthController = HealthController = __decorate([
    (0, swagger_1.ApiTags)('health'),
    (0, public_decorator_1.Public)(),
    (0, common_1.Controller)('health'),
    __param(3, (0, bull_1.InjectQueue)(pipeline_constants_1.PIPELINE_QUEUE)),
    __metadata("design:paramtypes", [terminus_1.HealthCheckService,
        terminus_1.HealthIndicatorService,
        terminus_1.TypeOrmHealthIndicator, Object])
], HealthController);
//# sourceMappingURL=health.controller.js.map