import { InjectQueue } from '@nestjs/bull';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import type { Server } from 'node:http';
import { AppConfig } from '../config/app-config';
import { CallAbortedError } from '../clients/service-errors';
import { JobsRepository } from '../jobs/jobs.repository';
import { CancelSignals } from './cancel-signals';
import { PIPELINE_QUEUE, PipelineJobData } from './pipeline.constants';
import { PipelineRunner } from './pipeline.runner';

const CANCEL_CHECK_MS = 1_000;

/**
 * The Bull side of a worker process: takes jobs off the queue, hands each to the runner
 * with an abort controller that a cancel signal or the shutdown grace period can fire.
 */
@Injectable()
export class PipelineWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PipelineWorker.name);
  private readonly running = new Map<string, AbortController>();
  /** Fires when draining starts: runs start no further step (see `PipelineRunner.run`). */
  private readonly shutdown = new AbortController();
  private draining?: Promise<void>;
  private cancelCheck?: NodeJS.Timeout;

  constructor(
    @InjectQueue(PIPELINE_QUEUE) private readonly queue: Queue<PipelineJobData>,
    private readonly runner: PipelineRunner,
    private readonly cancels: CancelSignals,
    private readonly config: AppConfig,
    private readonly jobs: JobsRepository,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.cancels.subscribe((jobId) => this.abort(jobId));
    // Pub/sub can drop a message (reconnect, a publisher that just started): the flags in
    // PostgreSQL are the truth, checked every second for the jobs running here.
    this.cancelCheck = setInterval(() => void this.checkCancelFlags(), CANCEL_CHECK_MS);
    this.cancelCheck.unref();
    this.queue.on('error', (error) => this.logger.warn({ msg: 'Queue error', err: String(error) }));
    void this.queue.process(this.config.workerConcurrency, (job: Job<PipelineJobData>) =>
      this.handle(job),
    );
    this.logger.log({ msg: 'Worker started', concurrency: this.config.workerConcurrency });
  }

  /**
   * Stops taking jobs, lets running steps finish within the grace period, then aborts the
   * rest; a job is handed back to the queue for another worker at its next step, or when
   * its call is aborted or fails, without counting against its budget. Safe to call more
   * than once.
   */
  drain(): Promise<void> {
    this.draining ??= this.drainOnce();
    return this.draining;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private async drainOnce(): Promise<void> {
    this.shutdown.abort();
    if (!this.config.runsWorker) return;
    clearInterval(this.cancelCheck);
    const grace = setTimeout(() => {
      for (const controller of this.running.values())
        controller.abort(new CallAbortedError('shutdown'));
    }, this.config.shutdownGraceMs);
    // pause(local) resolves once this worker's active jobs have settled.
    await this.queue.pause(true, false).catch(() => undefined);
    clearTimeout(grace);
    await this.queue.close().catch(() => undefined);
    // The calls to embedded services leave keep-alive connections to this process's own
    // server; idle from now on, they would hold its close() open for their whole timeout.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.closeIdleConnections();
    this.logger.log({ msg: 'Worker drained' });
  }

  private abort(jobId: string): void {
    this.running.get(jobId)?.abort(new CallAbortedError('cancelled'));
  }

  private async checkCancelFlags(): Promise<void> {
    if (this.running.size === 0) return;
    const flagged = await this.jobs.cancelRequestedAmong([...this.running.keys()]).catch(() => []);
    for (const jobId of flagged) this.abort(jobId);
  }

  private async handle(job: Job<PipelineJobData>): Promise<void> {
    const { jobId } = job.data;
    const controller = new AbortController();
    this.running.set(jobId, controller);
    try {
      await this.runner.run(jobId, controller.signal, this.shutdown.signal);
    } finally {
      this.running.delete(jobId);
    }
  }
}
