import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  BULL_ATTEMPTS,
  PIPELINE_BACKOFF,
  PIPELINE_QUEUE,
  PipelineJobData,
} from './pipeline.constants';

const ENQUEUE_TIMEOUT_MS = 2_000;
/** A request path (cancel) asks Redis only this long: PostgreSQL holds the truth anyway. */
const QUEUE_QUERY_TIMEOUT_MS = 1_000;

export type QueueState =
  | 'absent'
  | 'waiting'
  | 'active'
  | 'delayed'
  | 'completed'
  | 'failed'
  | 'paused'
  | 'stuck'
  /** Redis did not answer in time (or is not connected). */
  | 'unknown';

/** Puts jobs on the Bull queue and takes them off; the Bull job id is the database job id. */
@Injectable()
export class PipelineProducer {
  private readonly logger = new Logger(PipelineProducer.name);

  constructor(@InjectQueue(PIPELINE_QUEUE) private readonly queue: Queue<PipelineJobData>) {}

  /**
   * Adds the job unless it is already queued. Returns false, without throwing, when Redis is
   * unreachable: the job is durable in PostgreSQL and the reconciler enqueues it later.
   * With `delayMs`, the job waits in the delayed set first (a retry still in its backoff).
   */
  async enqueue(jobId: string, delayMs = 0): Promise<boolean> {
    if (this.queue.client.status !== 'ready') {
      this.logger.warn({
        job_id: jobId,
        msg: 'Redis not ready; the reconciler will enqueue the job',
      });
      return false;
    }
    try {
      await withTimeout(
        this.queue.add(
          { jobId },
          {
            jobId,
            ...(delayMs > 0 ? { delay: delayMs } : {}),
            attempts: BULL_ATTEMPTS,
            backoff: { type: PIPELINE_BACKOFF },
            removeOnComplete: true,
            removeOnFail: true,
          },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      return true;
    } catch (error) {
      this.logger.warn({
        job_id: jobId,
        msg: 'Enqueue failed; the reconciler will retry',
        err: String(error),
      });
      return false;
    }
  }

  /**
   * Which of these jobs Redis has no record of, in one round trip. Completed and failed
   * jobs are removed from Redis at once, so a record means waiting, delayed or active.
   */
  async missing(jobIds: string[]): Promise<string[]> {
    if (jobIds.length === 0) return [];
    const pipeline = this.queue.client.pipeline();
    for (const id of jobIds) pipeline.exists(this.queue.toKey(id));
    const results = (await pipeline.exec()) ?? [];
    return jobIds.filter((_, i) => results[i]?.[1] === 0);
  }

  /** Where the job is in the queue; `unknown` within a second when Redis does not answer. */
  async state(jobId: string): Promise<QueueState> {
    if (!this.redisReady) return 'unknown';
    try {
      return await withTimeout(
        (async () => {
          const job = await this.queue.getJob(jobId);
          return job ? await job.getState() : 'absent';
        })(),
        QUEUE_QUERY_TIMEOUT_MS,
      );
    } catch {
      return 'unknown';
    }
  }

  /**
   * Removes a job that no worker holds; false when it is active (locked), already gone, or
   * Redis does not answer within a second.
   */
  async removeIfIdle(jobId: string): Promise<boolean> {
    if (!this.redisReady) return false;
    try {
      return await withTimeout(
        (async () => {
          const job = await this.queue.getJob(jobId);
          if (!job) return false;
          await job.remove();
          return true;
        })(),
        QUEUE_QUERY_TIMEOUT_MS,
      );
    } catch {
      return false;
    }
  }

  get redisReady(): boolean {
    return this.queue.client.status === 'ready';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
