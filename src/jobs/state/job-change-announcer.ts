import { Injectable } from '@nestjs/common';
import { Metrics } from '../../observability/metrics';
import { JobEventsNotifier } from '../job-events.notifier';
import type { JobStatus } from '../job-status';
import type { ChangeAnnouncer } from './transition-context';

/** Tells every process's live views of a committed change, and counts the jobs it finished. */
@Injectable()
export class JobChangeAnnouncer implements ChangeAnnouncer {
  constructor(
    private readonly notifier: JobEventsNotifier,
    private readonly metrics: Metrics,
  ) {}

  changed(jobId: string, finished?: JobStatus): void {
    this.notifier.changed(jobId);
    if (finished !== undefined) this.metrics.jobsFinished.inc({ status: finished });
  }
}
