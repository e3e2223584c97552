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
import { CancelWatch } from '../cancellation/cancel-watch';
import { PIPELINE_QUEUE, PipelineJobData } from './pipeline.constants';
import { PipelineRunner } from './pipeline.runner';

/**
 * The Bull side of a worker process: takes jobs off the queue and hands each to the runner
 * under the cancel watch, whose abort signal a cancel or the shutdown grace period fires.
 */
@Injectable()
export class PipelineWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PipelineWorker.name);
  /** Fires when draining starts: runs start no further step (see `PipelineRunner.run`). */
  private readonly shutdown = new AbortController();
  private draining?: Promise<void>;

  constructor(
    @InjectQueue(PIPELINE_QUEUE) private readonly queue: Queue<PipelineJobData>,
    private readonly runner: PipelineRunner,
    private readonly cancels: CancelWatch,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.cancels.start();
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
    this.cancels.stop();
    const grace = setTimeout(
      () => this.cancels.abortAll(new CallAbortedError('shutdown')),
      this.config.shutdownGraceMs,
    );
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

  private handle(job: Job<PipelineJobData>): Promise<void> {
    const { jobId, fresh } = job.data;
    // Bull's own retry of a run (a backoff) carries the create's payload on: not fresh.
    const firstRun = fresh === true && job.attemptsMade === 0;
    return this.cancels.watch(jobId, (signal) =>
      this.runner.run(jobId, signal, this.shutdown.signal, firstRun),
    );
  }
}
