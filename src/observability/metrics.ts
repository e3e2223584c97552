import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One service line as its gauges show it. */
export interface ServiceLineGauges {
  service: string;
  inFlight: number;
  limit: number;
  waiting: number;
}

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

  readonly serviceRejected = new Counter({
    name: 'orchestrator_service_rejected_total',
    help: 'Calls a service refused as over its capacity (429 or 503), by service',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly serviceWait = new Histogram({
    name: 'orchestrator_service_wait_seconds',
    help: 'Time a step waited in its service line before its call, by service',
    labelNames: ['service'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });

  private serviceLines: () => Promise<ServiceLineGauges[]> = () => Promise.resolve([]);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const lines = () => this.serviceLines();
    const gauge = (name: string, help: string, pick: (line: ServiceLineGauges) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['service'] as const,
        registers: [this.registry],
        async collect() {
          for (const line of await lines().catch(() => []))
            this.set({ service: line.service }, pick(line));
        },
      });
    gauge(
      'orchestrator_service_in_flight',
      'Calls holding a slot of the service, all workers',
      (l) => l.inFlight,
    );
    gauge(
      'orchestrator_service_limit',
      'Calls the service is given at once now (configured or learnt)',
      (l) => l.limit,
    );
    gauge(
      'orchestrator_service_waiting',
      'Steps waiting in the service line for a slot',
      (l) => l.waiting,
    );
  }

  /** Where the service-line gauges are read from when Prometheus scrapes. */
  watchServiceLines(read: () => Promise<ServiceLineGauges[]>): void {
    this.serviceLines = read;
  }

  stepAttempt(step: string, outcome: string, durationMs: number): void {
    this.stepDuration.observe({ step, outcome }, durationMs / 1000);
    this.stepAttempts.inc({ step, outcome });
  }
}
