import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobEventsNotifier } from '../jobs/job-events.notifier';

/**
 * Fans "job X has new events" out to the streams watching job X. One listener on the
 * notifier for the whole process, so a message costs a map lookup however many clients
 * are connected.
 */
@Injectable()
export class JobEventSubscriptions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly byJob = new Map<string, Set<() => void>>();
  private unsubscribe?: () => void;

  constructor(
    private readonly notifier: JobEventsNotifier,
    private readonly config: AppConfig,
  ) {}

  /**
   * Subscribes at boot in processes that serve the API: a subscription opened by the first
   * client would miss what is published before Redis confirms it, and that client would
   * wait for the next poll.
   */
  onApplicationBootstrap(): void {
    if (this.config.runsApi) this.listen();
  }

  /** Calls `listener` whenever the job changes; returns the unsubscribe. */
  subscribe(jobId: string, listener: () => void): () => void {
    this.listen();
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

  private listen(): void {
    // Streams key jobs by the lowercase id; a publisher may pass the id as a client typed it.
    this.unsubscribe ??= this.notifier.onChange((changed) => {
      for (const notify of this.byJob.get(changed.toLowerCase()) ?? []) notify();
    });
  }
}
