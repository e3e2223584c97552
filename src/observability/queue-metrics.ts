import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { Gauge } from 'prom-client';
import { Metrics } from './metrics';
import { PIPELINE_QUEUE } from '../pipeline/pipeline.constants';

/** Queue depth, read from Redis when Prometheus scrapes (never on the hot path). */
@Injectable()
export class QueueMetrics {
  constructor(metrics: Metrics, @InjectQueue(PIPELINE_QUEUE) queue: Queue) {
    new Gauge({
      name: 'orchestrator_queue_jobs',
      help: 'Jobs in the Bull queue by state',
      labelNames: ['state'] as const,
      registers: [metrics.registry],
      async collect() {
        if (queue.client.status !== 'ready') return;
        const counts = await queue.getJobCounts();
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const)
          this.set({ state }, counts[state]);
      },
    });
  }
}
