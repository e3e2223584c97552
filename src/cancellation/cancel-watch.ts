import { Injectable, Logger } from '@nestjs/common';
import { CallAbortedError } from '../clients/service-errors';
import { JobsRepository } from '../jobs/jobs.repository';
import { CancelSignals } from './cancel-signals';

const CANCEL_CHECK_MS = 1_000;

/**
 * A worker's side of cancel: each job running here has an abort controller, fired by a
 * cancel signal (Redis pub/sub) or, since pub/sub can drop a message (reconnect, a
 * publisher that just started), by the flag in PostgreSQL, checked every second for the
 * jobs running here. The shutdown's grace period fires the same controllers.
 */
@Injectable()
export class CancelWatch {
  private readonly logger = new Logger(CancelWatch.name);
  private readonly running = new Map<string, AbortController>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly signals: CancelSignals,
    private readonly jobs: JobsRepository,
  ) {}

  start(): void {
    this.signals.subscribe((jobId) => this.abort(jobId, new CallAbortedError('cancelled')));
    this.timer = setInterval(() => void this.checkFlags(), CANCEL_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Watches `jobId` while `run` lasts; `run` gets the signal that a cancel fires. */
  async watch(jobId: string, run: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    this.running.set(jobId, controller);
    try {
      await run(controller.signal);
    } finally {
      this.running.delete(jobId);
    }
  }

  /** Aborts the calls of every job running here (the end of a shutdown's grace period). */
  abortAll(reason: CallAbortedError): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  private abort(jobId: string, reason: CallAbortedError): void {
    this.running.get(jobId)?.abort(reason);
  }

  private async checkFlags(): Promise<void> {
    if (this.running.size === 0) return;
    const flagged = await this.jobs
      .cancelRequestedAmong([...this.running.keys()])
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'Cancel flag check failed', err: String(error) });
        return [];
      });
    for (const jobId of flagged) this.abort(jobId, new CallAbortedError('cancelled'));
  }
}
