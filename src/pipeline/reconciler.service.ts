import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AdvisoryLock } from '../database/advisory-locks';
import { JobStatus } from '../jobs/job-status';
import { JobsRepository, UnfinishedJob } from '../jobs/jobs.repository';
import { JobTransitions } from '../jobs/state/job-transitions';
import { CancelSignals } from '../cancellation/cancel-signals';
import { ServiceCapacity } from './capacity/service-capacity';
import { PipelineProducer } from './pipeline.producer';
import { RetrySchedule } from './retry-schedule.repository';

/** A job younger than this may still be between its INSERT and its queue add. */
const ENQUEUE_GRACE_MS = 5_000;
const SWEEP_BATCH = 1_000;

export interface SweepReport {
  requeued: string[];
  overdue: string[];
}

/**
 * The safety net under the queue: PostgreSQL says which jobs are unfinished, so any such
 * job that Redis has lost (restart, FLUSHALL, a crash between INSERT and add) is put back,
 * and any job past its deadline is failed. Jobs waiting in a service's line are left to
 * it (see `ServiceCapacity`).
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsRepository,
    private readonly transitions: JobTransitions,
    private readonly producer: PipelineProducer,
    private readonly cancels: CancelSignals,
    private readonly config: AppConfig,
    private readonly retries: RetrySchedule,
    private readonly capacity: ServiceCapacity,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'Reconciler sweep failed', err: String(error) }),
        )
        .finally(() => (this.sweeping = undefined));
    }, this.config.reconcileIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One pass; returns undefined when another process holds the sweep. */
  async sweep(): Promise<SweepReport | undefined> {
    if (!this.producer.redisReady) return undefined;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        AdvisoryLock.ReconcilerSweep,
      ])) as { locked: boolean }[];
      if (!locked) return undefined;
      try {
        return await this.sweepLocked();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [AdvisoryLock.ReconcilerSweep]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sweepLocked(): Promise<SweepReport> {
    const overdue: string[] = [];
    for (const job of await this.transitions.failOverdue()) {
      const msg =
        job.status === JobStatus.Failure ? 'Job failed: deadline exceeded' : 'Job cancelled';
      this.logger.warn({ job_id: job.id, msg });
      overdue.push(job.id);
      await this.producer.removeIfIdle(job.id);
      await this.cancels.publish(job.id);
    }
    const requeued: string[] = [];
    // Every unfinished job, a page at a time: a job Redis lost is found however many older
    // ones wait before it.
    let after: UnfinishedJob | undefined;
    do {
      const page = await this.jobs.findUnfinished(ENQUEUE_GRACE_MS, SWEEP_BATCH, after);
      requeued.push(...(await this.requeueMissing(page.map((job) => job.id))));
      after = page.length === SWEEP_BATCH ? page.at(-1) : undefined;
    } while (after);
    if (requeued.length > 0)
      this.logger.warn({ msg: 'Re-enqueued jobs missing from Redis', count: requeued.length });
    return { requeued, overdue };
  }

  /** Puts back those of `ids` that Redis does not have and nobody is running. */
  private async requeueMissing(ids: string[]): Promise<string[]> {
    const missing = await this.producer.missing(ids);
    // A job may have finished (and left Redis) since the first read: ask PostgreSQL again.
    // A run whose Redis entry vanished under it keeps going; only an idle job is put back,
    // so no step is ever called by two runs at once.
    const idle: string[] = [];
    for (const job of await this.jobs.stillUnfinishedAndIdle(missing, this.config.lockDurationMs)) {
      // A job waiting in a service's line has no Bull job until a slot is handed to it; it
      // is put back only when the line lost it (a hand-off whose enqueue never happened).
      if (job.waiting_step && (await this.capacity.isWaiting(job.waiting_step, job.id))) continue;
      idle.push(job.id);
    }
    // A job that Redis lost from its delayed set waits out the rest of its backoff again.
    const backoff = await this.retries.remainingBackoffMs(idle);
    const requeued: string[] = [];
    for (const id of idle) {
      if (await this.producer.requeue(id, backoff.get(id))) requeued.push(id);
    }
    return requeued;
  }
}
