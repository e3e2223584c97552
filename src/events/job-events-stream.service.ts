import { isJobId } from '../jobs/job-id';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { JobNotFoundError } from '../jobs/jobs.errors';
import { JobEventFeedRepository, JobEventRow } from './job-event-feed.repository';
import { JobEventStream, STREAM_BATCH } from './job-event-stream';
import { JobEventSubscriptions } from './job-event-subscriptions';
import { isTerminalStatus } from './sse-format';

/** What opening a stream found: events to stream, or a finished job with nothing after the client's last event. */
export type StreamOpening =
  { kind: 'stream'; jobId: string; lastId: string; first: JobEventRow[] } | { kind: 'finished' };

/**
 * Server-Sent Events of jobs: decides what a new connection gets, runs its stream, and
 * ends every open stream when the server shuts down (an open stream would otherwise hold
 * the HTTP server's close until the deadline).
 */
@Injectable()
export class JobEventsStreamService
  implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger(JobEventsStreamService.name);
  private readonly open = new Set<JobEventStream>();

  constructor(
    private readonly feed: JobEventFeedRepository,
    private readonly subscriptions: JobEventSubscriptions,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // Fastify's close waits for open connections; preClose runs before it starts waiting.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('preClose', (done) => {
      this.closeAll();
      done();
    });
  }

  onModuleDestroy(): void {
    this.closeAll();
  }

  beforeApplicationShutdown(): void {
    this.closeAll();
  }

  /**
   * Looks the job up for this owner (another owner's job is not found) and reads the first
   * events after `lastId`. A finished job with nothing after `lastId` has nothing to stream.
   */
  async openStream(
    jobId: string,
    owner: string | undefined,
    lastId: string,
  ): Promise<StreamOpening> {
    const status = isJobId(jobId) ? await this.feed.findJobStatus(jobId, owner) : undefined;
    if (!status) throw new JobNotFoundError();
    const id = jobId.toLowerCase();
    const first = await this.feed.eventsAfter(id, lastId, STREAM_BATCH);
    if (first.length === 0 && isTerminalStatus(status)) return { kind: 'finished' };
    return { kind: 'stream', jobId: id, lastId, first };
  }

  /** Streams to a response whose SSE headers are already written, until the job ends or the client leaves. */
  run(opening: Extract<StreamOpening, { kind: 'stream' }>, res: ServerResponse): void {
    const stream = new JobEventStream(
      {
        feed: this.feed,
        subscribe: (jobId, listener) => this.subscriptions.subscribe(jobId, listener),
        onError: (error) =>
          this.logger.warn({
            msg: 'Event stream failed',
            job_id: opening.jobId,
            err: String(error),
          }),
      },
      { pollIntervalMs: this.config.ssePollIntervalMs, keepAliveMs: this.config.sseKeepAliveMs },
      opening.jobId,
      opening.lastId,
      res,
      (closed) => this.open.delete(closed),
    );
    this.open.add(stream);
    stream.start(opening.first);
  }

  /** How many streams are open (for tests and metrics). */
  get openStreams(): number {
    return this.open.size;
  }

  private closeAll(): void {
    for (const stream of [...this.open]) stream.close();
  }
}
