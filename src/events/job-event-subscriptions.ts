import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobEventsNotifier } from '../jobs/job-events.notifier';

/**
 * Fans "job X has new events" out to the streams watching job X. One listener on the
 * notifier for the whole process, so a message costs a map lookup however many clients
 * are connected.
 */
@Injectable()
export class JobEventSubscriptions implements OnModuleDestroy {
  private readonly byJob = new Map<string, Set<() => void>>();
  private unsubscribe?: () => void;

  constructor(private readonly notifier: JobEventsNotifier) {}

  /** Calls `listener` whenever the job changes; returns the unsubscribe. */
  subscribe(jobId: string, listener: () => void): () => void {
    this.unsubscribe ??= this.notifier.onChange((changed) => {
      for (const notify of this.byJob.get(changed) ?? []) notify();
    });
    let listeners = this.byJob.get(jobId);
    if (!listeners) {
      listeners = new Set();
      this.byJob.set(jobId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.byJob.get(jobId) === listeners) this.byJob.delete(jobId);
    };
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.byJob.clear();
  }
}
