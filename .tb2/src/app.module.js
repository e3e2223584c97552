"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const nestjs_pino_1 = require("nestjs-pino");
const app_controller_1 = require("./app.controller");
const auth_module_1 = require("./auth/auth.module");
const artifacts_module_1 = require("./artifacts/artifacts.module");
const config_module_1 = require("./config/config.module");
const events_module_1 = require("./events/events.module");
const typeorm_options_1 = require("./database/typeorm-options");
const health_module_1 = require("./health/health.module");
const jobs_module_1 = require("./jobs/jobs.module");
const logging_1 = require("./observability/logging");
const observability_module_1 = require("./observability/observability.module");
const pipeline_constants_1 = require("./pipeline/pipeline.constants");
const pipeline_module_1 = require("./pipeline/pipeline.module");
const redis_connection_1 = require("./redis/redis-connection");
const retry_policy_1 = require("./pipeline/retry-policy");
const embedded_services_module_1 = require("./embedded-services/embedded-services.module");
const retention_module_1 = require("./retention/retention.module");
const outbound_url_module_1 = require("./outbound/outbound-url.module");
const webhook_delivery_module_1 = require("./webhooks/webhook-delivery.module");
const webhooks_module_1 = require("./webhooks/webhooks.module");
const API_MODULES = [outbound_url_module_1.OutboundUrlModule, jobs_module_1.JobsModule, events_module_1.EventsModule, webhooks_module_1.WebhooksModule, artifacts_module_1.ArtifactsModule];
const WORKER_MODULES = [
    outbound_url_module_1.OutboundUrlModule,
    pipeline_module_1.PipelineModule,
    embedded_services_module_1.EmbeddedServicesModule,
    webhook_delivery_module_1.WebhookDeliveryModule,
    retention_module_1.RetentionModule,
];
let AppModule = AppModule_1 = class AppModule {
    static forRoot(config) {
        return {
            module: AppModule_1,
            imports: [
                config_module_1.ConfigModule.forRoot(config),
                nestjs_pino_1.LoggerModule.forRoot((0, logging_1.loggingParams)(config)),
                observability_module_1.ObservabilityModule,
                typeorm_1.TypeOrmModule.forRoot({
                    ...(0, typeorm_options_1.typeormOptions)(config.databaseUrl, config.dbPoolSize),
                    retryAttempts: 3,
                }),
                bull_1.BullModule.forRoot({
                    redis: (0, redis_connection_1.redisConnectionOptions)(config),
                    prefix: config.queuePrefix,
                    settings: {
                        lockDuration: config.lockDurationMs,
                        stalledInterval: config.stalledIntervalMs,
                        maxStalledCount: 1_000,
                        backoffStrategies: { [pipeline_constants_1.PIPELINE_BACKOFF]: retry_policy_1.pipelineBackoff },
                    },
                }),
                auth_module_1.AuthModule,
                health_module_1.HealthModule,
                ...(config.runsApi ? API_MODULES : []),
                ...(config.runsWorker ? WORKER_MODULES : []),
            ],
            controllers: [app_controller_1.AppController],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map