import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppController } from './app.controller';
import { AuthModule } from './auth/auth.module';
import { ArtifactsModule } from './artifacts/artifacts.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { EventsModule } from './events/events.module';
import { typeormOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { loggingParams } from './observability/logging';
import { ObservabilityModule } from './observability/observability.module';
import { PIPELINE_BACKOFF } from './pipeline/pipeline.constants';
import { PipelineModule } from './pipeline/pipeline.module';
import { redisConnectionOptions } from './redis/redis-connection';
import { pipelineBackoff } from './pipeline/retry-policy';
import { EmbeddedServicesModule } from './embedded-services/embedded-services.module';
import { RetentionModule } from './retention/retention.module';
import { OutboundUrlModule } from './outbound/outbound-url.module';
import { WebhookDeliveryModule } from './webhooks/webhook-delivery.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The public API: jobs, events, webhook and artifact routes (APP_ROLE api or all). */
const API_MODULES = [OutboundUrlModule, JobsModule, EventsModule, WebhooksModule, ArtifactsModule];

/**
 * The worker: the pipeline's processor and reconciler, the embedded services it calls, the
 * webhook dispatcher and retention (APP_ROLE worker or all). With health and metrics, that
 * is all a worker process serves.
 */
const WORKER_MODULES = [
  OutboundUrlModule,
  PipelineModule,
  EmbeddedServicesModule,
  WebhookDeliveryModule,
  RetentionModule,
];

/** The root module, made of the modules of the process's role (`APP_ROLE`). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        ObservabilityModule,
        TypeOrmModule.forRoot({
          ...typeormOptions(config.databaseUrl, config.dbPoolSize),
          retryAttempts: 3,
        }),
        BullModule.forRoot({
          redis: redisConnectionOptions(config),
          prefix: config.queuePrefix,
          settings: {
            lockDuration: config.lockDurationMs,
            stalledInterval: config.stalledIntervalMs,
            // A job that stalls again is still ours to finish; the step budget lives in PostgreSQL.
            maxStalledCount: 1_000,
            backoffStrategies: { [PIPELINE_BACKOFF]: pipelineBackoff },
          },
        }),
        AuthModule,
        HealthModule,
        ...(config.runsApi ? API_MODULES : []),
        ...(config.runsWorker ? WORKER_MODULES : []),
      ],
      controllers: [AppController],
    };
  }
}
