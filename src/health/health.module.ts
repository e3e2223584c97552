import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsController } from '../observability/metrics.controller';
import { PIPELINE_QUEUE } from '../pipeline/pipeline.constants';
import { HealthController } from './health.controller';
import { QueueMetrics } from '../observability/queue-metrics';

/** Liveness and readiness, and the Prometheus metrics (the queue's gauges among them). */
@Module({
  imports: [TerminusModule, BullModule.registerQueue({ name: PIPELINE_QUEUE })],
  controllers: [HealthController, MetricsController],
  providers: [QueueMetrics],
})
export class HealthModule {}
