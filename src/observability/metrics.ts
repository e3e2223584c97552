import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric of the process, in one registry. Recording is a few in-memory
 * increments: nothing here does I/O on the hot path.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly jobsCreated = new Counter({
    name: 'orchestrator_jobs_created_total',
    help: 'Jobs created through the API',
    registers: [this.registry],
  });

  readonly jobsFinished = new Counter({
    name: 'orchestrator_jobs_finished_total',
    help: 'Jobs that reached a terminal status, by status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly stepDuration = new Histogram({
    name: 'orchestrator_step_duration_seconds',
    help: 'Duration of each service call attempt, by step and outcome',
    labelNames: ['step', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly stepAttempts = new Counter({
    name: 'orchestrator_step_attempts_total',
    help: 'Service call attempts, by step and outcome',
    labelNames: ['step', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'orchestrator_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'orchestrator_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (delivered, retrying, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly retentionDeleted = new Counter({
    name: 'orchestrator_retention_deleted_total',
    help: 'Removed by the retention sweep, by kind (job: rows with steps, events and deliveries; file: artifacts)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  stepAttempt(step: string, outcome: string, durationMs: number): void {
    this.stepDuration.observe({ step, outcome }, durationMs / 1000);
    this.stepAttempts.inc({ step, outcome });
  }
}
