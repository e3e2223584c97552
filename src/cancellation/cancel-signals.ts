import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis-connection';

const PUBLISH_TIMEOUT_MS = 1_000;

/**
 * Carries "stop job X now" from whichever process took the cancel request to whichever
 * worker runs the job (Redis pub/sub). A lost message only delays the stop: the worker's
 * next write sees the cancel flag in PostgreSQL.
 */
@Injectable()
export class CancelSignals implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CancelSignals.name);
  private readonly channel: string;
  private publisher?: Redis;
  private subscriber?: Redis;

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.queuePrefix}:cancel`;
  }

  /** Connected at start: a signal must not be lost to a connection still being opened. */
  onModuleInit(): void {
    this.publisher = this.connect();
  }

  /**
   * Best effort, and never longer than a second: when Redis is away the signal is skipped,
   * and the worker finds the flag in PostgreSQL on its next check.
   */
  async publish(jobId: string): Promise<void> {
    this.publisher ??= this.connect();
    const notPublished = (reason: string) =>
      this.logger.warn({ job_id: jobId, msg: 'Cancel signal not published', err: reason });
    if (this.publisher.status !== 'ready') {
      notPublished(`Redis ${this.publisher.status}`);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        notPublished(`no answer in ${PUBLISH_TIMEOUT_MS} ms`);
        resolve();
      }, PUBLISH_TIMEOUT_MS);
    });
    const published = this.publisher
      .publish(this.channel, jobId)
      .then(() => undefined)
      .catch((error: unknown) => notPublished(String(error)));
    await Promise.race([published, timeout]).finally(() => clearTimeout(timer));
  }

  subscribe(onCancel: (jobId: string) => void): void {
    this.subscriber ??= this.connect();
    this.subscriber.on('message', (_channel: string, jobId: string) => onCancel(jobId));
    this.subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.logger.error({ msg: 'Cancel channel subscription failed', err: String(error) });
    });
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of [this.publisher, this.subscriber]) {
      if (client) await client.quit().catch(() => undefined);
    }
  }

  private connect(): Redis {
    const client = createRedisClient(this.config, { maxRetriesPerRequest: 1, lazyConnect: false });
    client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
    return client;
  }
}
