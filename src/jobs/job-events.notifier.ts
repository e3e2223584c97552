import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis-connection';

/** Changes within this window share one PUBLISH (a comma-separated list of job ids). */
const PUBLISH_COALESCE_MS = 10;

/**
 * Tells every process "job X has new events" (Redis pub/sub) after a state change commits.
 * The events themselves are read from `job_events`; a lost message only delays a live
 * view until its next poll. A busy worker's changes are batched into one message per
 * few milliseconds rather than one per change.
 */
@Injectable()
export class JobEventsNotifier implements OnModuleInit, OnModuleDestroy {
  readonly channel: string;
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly listeners = new Set<(jobId: string) => void>();
  private readonly pending = new Set<string>();
  private flushTimer?: NodeJS.Timeout;

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.queuePrefix}:job-events`;
  }

  onModuleInit(): void {
    this.publisher = connect(this.config);
  }

  changed(jobId: string): void {
    this.pending.add(jobId);
    this.flushTimer ??= setTimeout(() => this.flush(), PUBLISH_COALESCE_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const ids = [...this.pending].join(',');
    this.pending.clear();
    this.publisher ??= connect(this.config);
    if (this.publisher.status !== 'ready') return;
    this.publisher.publish(this.channel, ids).catch(() => undefined);
  }

  /** Registers a listener; the subscription is opened on first use. Returns an unsubscribe. */
  onChange(listener: (jobId: string) => void): () => void {
    if (!this.subscriber) {
      this.subscriber = connect(this.config);
      this.subscriber.on('message', (_channel: string, ids: string) => {
        for (const jobId of ids.split(',')) for (const l of this.listeners) l(jobId);
      });
      this.subscriber.subscribe(this.channel).catch(() => undefined);
      // ioredis replays on reconnect only the subscriptions Redis confirmed; one that failed
      // while Redis was unreachable (e.g. at boot) is asked again on every connection.
      // Subscribing twice to a channel is a no-op for Redis.
      this.subscriber.on('ready', () => {
        this.subscriber?.subscribe(this.channel).catch(() => undefined);
      });
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flush();
    }
    for (const client of [this.publisher, this.subscriber]) {
      if (client) await client.quit().catch(() => undefined);
    }
  }
}

function connect(config: AppConfig): Redis {
  const client = createRedisClient(config, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
  return client;
}
