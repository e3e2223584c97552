import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * Tells every process "job X has new events" (Redis pub/sub) after a state change commits.
 * The events themselves are read from `job_events`; a lost message only delays a live
 * view until its next poll.
 */
@Injectable()
export class JobEventsNotifier implements OnModuleInit, OnModuleDestroy {
  readonly channel: string;
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly listeners = new Set<(jobId: string) => void>();

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.queuePrefix}:job-events`;
  }

  onModuleInit(): void {
    this.publisher = connect(this.config.redisUrl);
  }

  changed(jobId: string): void {
    this.publisher ??= connect(this.config.redisUrl);
    if (this.publisher.status !== 'ready') return;
    this.publisher.publish(this.channel, jobId).catch(() => undefined);
  }

  /** Registers a listener; the subscription is opened on first use. Returns an unsubscribe. */
  onChange(listener: (jobId: string) => void): () => void {
    if (!this.subscriber) {
      this.subscriber = connect(this.config.redisUrl);
      this.subscriber.on('message', (_channel: string, jobId: string) => {
        for (const l of this.listeners) l(jobId);
      });
      this.subscriber.subscribe(this.channel).catch(() => undefined);
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of [this.publisher, this.subscriber]) {
      if (client) await client.quit().catch(() => undefined);
    }
  }
}

function connect(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
  return client;
}
