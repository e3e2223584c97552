import { isJobId } from '../jobs/job-id';
import {
  BeforeApplicationShutdown,
  Injectable,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { LOCAL_PRINCIPAL, ownerScope, Principal } from '../auth/principal';
import { JobNotFoundError, RateLimitedError } from '../jobs/jobs.errors';
import { JobEventFeedRepository, JobEventRow } from './job-event-feed.repository';
import { JobEventHub, STREAM_BATCH } from './job-event-hub';
import { JobEventStream } from './job-event-stream';
import { isTerminalStatus } from './sse-format';

/** What opening a stream found: events to stream, or a finished job with nothing after the client's last event. */
export type StreamOpening =
  | { kind: 'stream'; jobId: string; lastId: string; first: JobEventRow[]; holder: string }
  | { kind: 'finished' };

/** What a client over its stream cap waits before trying again. */
const STREAM_CAP_RETRY_AFTER_SECONDS = 5;

/**
 * Server-Sent Events of jobs: decides what a new connection gets, runs its stream, and
 * ends every open stream when the server shuts down (an open stream would otherwise hold
 * the HTTP server's close until the deadline).
 */
@Injectable()
export class JobEventsStreamService
  implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly open = new Set<JobEventStream>();
  /** Open streams (and openings under way) per key, or per client address without keys. */
  private readonly openByHolder = new Map<string, number>();

  constructor(
    private readonly feed: JobEventFeedRepository,
    private readonly hub: JobEventHub,
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
   * Takes one of the caller's stream slots (429 beyond `SSE_MAX_STREAMS_PER_KEY`), looks
   * the job up for this owner (another owner's job is not found) and reads the first
   * events after `lastId`. A finished job with nothing after `lastId` has nothing to
   * stream. The slot is the stream's until it closes; `clientAddress` counts in
   * loopback-only mode, where every client is the same principal.
   */
  async openStream(
    jobId: string,
    principal: Principal,
    clientAddress: string,
    lastId: string,
  ): Promise<StreamOpening> {
    const holder =
      principal.name === LOCAL_PRINCIPAL.name
        ? `address:${clientAddress}`
        : `key:${principal.name}`;
    this.takeSlot(holder);
    try {
      const owner = ownerScope(principal);
      const status = isJobId(jobId) ? await this.feed.findJobStatus(jobId, owner) : undefined;
      if (!status) throw new JobNotFoundError();
      const id = jobId.toLowerCase();
      const first = await this.feed.eventsAfter(id, lastId, STREAM_BATCH);
      if (first.length === 0 && isTerminalStatus(status)) {
        this.releaseSlot(holder);
        return { kind: 'finished' };
      }
      return { kind: 'stream', jobId: id, lastId, first, holder };
    } catch (error) {
      this.releaseSlot(holder);
      throw error;
    }
  }

  /** Streams to a response whose SSE headers are already written, until the job ends or the client leaves. */
  run(opening: Extract<StreamOpening, { kind: 'stream' }>, res: ServerResponse): void {
    const stream = new JobEventStream(
      { watch: (jobId, watcher) => this.hub.watch(jobId, watcher) },
      {
        keepAliveMs: this.config.sseKeepAliveMs,
        maxLifetimeMs: this.config.sseMaxStreamSeconds * 1000,
      },
      opening.jobId,
      opening.lastId,
      res,
      (closed) => {
        this.open.delete(closed);
        this.releaseSlot(opening.holder);
      },
    );
    this.open.add(stream);
    stream.start(opening.first);
  }

  /** How many streams are open (for tests and metrics). */
  get openStreams(): number {
    return this.open.size;
  }

  private takeSlot(holder: string): void {
    const cap = this.config.sseMaxStreamsPerKey;
    const count = this.openByHolder.get(holder) ?? 0;
    if (cap > 0 && count >= cap)
      throw new RateLimitedError(
        STREAM_CAP_RETRY_AFTER_SECONDS,
        `Too many open event streams for this client (at most ${cap}); close one first`,
      );
    this.openByHolder.set(holder, count + 1);
  }

  private releaseSlot(holder: string): void {
    const left = (this.openByHolder.get(holder) ?? 1) - 1;
    if (left > 0) this.openByHolder.set(holder, left);
    else this.openByHolder.delete(holder);
  }

  private closeAll(): void {
    for (const stream of [...this.open]) stream.close();
  }
}
