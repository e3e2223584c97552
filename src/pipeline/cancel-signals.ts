import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

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

  async publish(jobId: string): Promise<void> {
    this.publisher ??= this.connect();
    await this.publisher.publish(this.channel, jobId).catch((error: unknown) => {
      this.logger.warn({ job_id: jobId, msg: 'Cancel signal not published', err: String(error) });
    });
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
    const client = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
    client.on('error', () => undefined); // reconnects by itself; readiness is checked on use
    return client;
  }
}
