import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AdvisoryLock } from '../database/advisory-locks';
import { Metrics } from '../observability/metrics';
import { JobFileRemover } from './job-file-remover';
import { ExpiredJob, RetentionCursor, RetentionRepository } from './retention.repository';

/** Jobs per transaction: their rows stay locked only while their few files are unlinked. */
const BATCH_SIZE = 100;

export interface RetentionReport {
  jobs: number;
  files: number;
}

/**
 * Deletes finished jobs (SUCCESS, FAILURE, CANCELLED) older than RETENTION_DAYS, with their
 * steps, events and webhook deliveries (ON DELETE CASCADE) and their stems and final track
 * in ARTIFACTS_DIR. Runs every RETENTION_INTERVAL_MS in worker processes, one at a time.
 * Files outside ARTIFACTS_DIR and URLs of remote services are left alone.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly expired: RetentionRepository,
    private readonly files: JobFileRemover,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker || this.config.retentionDays === 0) return;
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'Retention sweep failed', err: String(error) }),
        )
        .finally(() => (this.sweeping = undefined));
    }, this.config.retentionIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * One pass over every expired job, batch after batch. Undefined when retention is off
   * (RETENTION_DAYS=0) or another sweep holds the lock. The timer's first pass comes one
   * interval after start.
   */
  async sweep(): Promise<RetentionReport | undefined> {
    if (this.config.retentionDays === 0) return undefined;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        AdvisoryLock.RetentionSweep,
      ])) as { locked: boolean }[];
      if (!locked) return undefined;
      try {
        return await this.sweepLocked(runner.manager);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [AdvisoryLock.RetentionSweep]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sweepLocked(manager: EntityManager): Promise<RetentionReport> {
    const report: RetentionReport = { jobs: 0, files: 0 };
    // Each batch starts after the last job the previous one took, so jobs whose files could
    // not be removed are passed over (and retried by the next sweep) instead of being taken
    // again and again, which would stall the sweep behind them.
    let after: RetentionCursor | undefined;
    try {
      for (;;) {
        const batch = await this.expired.deleteExpiredBatch(
          manager,
          this.config.retentionDays,
          BATCH_SIZE,
          after,
          (jobs) => this.removeFiles(jobs, report),
        );
        report.jobs += batch.deleted;
        this.metrics.retentionDeleted.inc({ kind: 'job' }, batch.deleted);
        after = batch.last;
        if (batch.selected < BATCH_SIZE || this.stopping) break;
      }
    } finally {
      if (report.jobs > 0 || report.files > 0) {
        this.logger.log({
          msg: 'Retention removed expired jobs',
          jobs: report.jobs,
          files: report.files,
          retention_days: this.config.retentionDays,
        });
      }
    }
    return report;
  }

  /** Deletes the jobs' files; returns the jobs with none left (a missing file is gone already). */
  private async removeFiles(jobs: ExpiredJob[], report: RetentionReport): Promise<string[]> {
    const removed = await this.files.remove(jobs);
    report.files += removed.files;
    this.metrics.retentionDeleted.inc({ kind: 'file' }, removed.files);
    return removed.removable;
  }
}
