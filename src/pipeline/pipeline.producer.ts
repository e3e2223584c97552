import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import {
  BULL_ATTEMPTS,
  PIPELINE_BACKOFF,
  PIPELINE_QUEUE,
  PipelineJobData,
} from './pipeline.constants';

const ENQUEUE_TIMEOUT_MS = 2_000;
/** A handed slot's job is enqueued once the run that lined it up has ended: checked this often. */
const HANDOFF_RETRY_MS = 100;
const HANDOFF_TRIES = 50;
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
   * With `delayMs`, the job waits in the delayed set first (a retry still in its backoff);
   * `fresh` says the create enqueues it (see `PipelineJobData`).
   */
  async enqueue(
    jobId: string,
    { delayMs = 0, fresh = false }: { delayMs?: number; fresh?: boolean } = {},
  ): Promise<boolean> {
    if (this.queue.client.status !== 'ready') {
      this.logger.warn({
        job_id: jobId,
        msg: 'Redis not ready; the reconciler will enqueue the job',
      });
      return false;
    }
    try {
      await withTimeout(
        this.queue.add(fresh ? { jobId, fresh } : { jobId }, {
          ...this.jobOptions(jobId),
          ...(delayMs > 0 ? { delay: delayMs } : {}),
        }),
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
   * Enqueues a job the reconciler found missing from Redis; a husk of it (a record without
   * data, see `missing`) is removed first, or the add would be a no-op.
   */
  async requeue(jobId: string, delayMs = 0): Promise<boolean> {
    try {
      const key = this.queue.toKey(jobId);
      if ((await this.queue.client.hexists(key, 'data')) === 0) await this.queue.client.del(key);
    } catch {
      return false;
    }
    return this.enqueue(jobId, { delayMs });
  }

  /**
   * Enqueues a job a service slot was handed to, at the head of the queue (its slot is kept
   * for it meanwhile). The run that put it in line may still be ending: until its Bull job
   * is gone, an add would be a no-op, so it waits for that a few seconds at most (the
   * reconciler enqueues the job if this gives up).
   */
  async enqueueHandedSlot(jobId: string): Promise<boolean> {
    for (let tries = 0; tries < HANDOFF_TRIES; tries++) {
      if (!this.redisReady) return false;
      try {
        const existing = await withTimeout(this.queue.getJob(jobId), ENQUEUE_TIMEOUT_MS);
        const state = existing ? await existing.getState() : 'absent';
        if (state === 'waiting' || state === 'delayed' || state === 'paused') return true;
        if (state !== 'active') {
          // A leftover record (finished, or in no list) would make the add a no-op.
          if (existing) await withTimeout(existing.remove(), ENQUEUE_TIMEOUT_MS);
          await withTimeout(
            this.queue.add({ jobId }, { ...this.jobOptions(jobId), lifo: true }),
            ENQUEUE_TIMEOUT_MS,
          );
          return true;
        }
      } catch (error) {
        this.logger.warn({
          job_id: jobId,
          msg: 'Enqueue of a handed slot failed; the reconciler will retry',
          err: String(error),
        });
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, HANDOFF_RETRY_MS));
    }
    return false;
  }

  /**
   * Which of these jobs Redis has no record of, in one round trip. Completed and failed
   * jobs are removed from Redis at once, so a record means waiting, delayed or active. A
   * record without the job's data is none: Bull writes a failed run's attempt into the
   * job's hash even when a flush took the job away, and such a husk never runs.
   */
  async missing(jobIds: string[]): Promise<string[]> {
    if (jobIds.length === 0) return [];
    const pipeline = this.queue.client.pipeline();
    for (const id of jobIds) pipeline.hexists(this.queue.toKey(id), 'data');
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

  private jobOptions(jobId: string): JobOptions {
    return {
      jobId,
      attempts: BULL_ATTEMPTS,
      backoff: { type: PIPELINE_BACKOFF },
      removeOnComplete: true,
      removeOnFail: true,
    };
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
