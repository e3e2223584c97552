import type { StepPolicy } from './steps';

/**
 * Thrown out of a Bull run to have Bull move the job to its delayed set for `delayMs`;
 * the worker slot is free while it waits.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryLaterError';
  }
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * retries of many jobs hit by the same outage spread out. `Retry-After` wins when longer.
 */
export function retryDelayMs(
  policy: StepPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(exponential, 15 * 60_000);
  const jittered = Math.round(capped / 2 + (random() * capped) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Delay before Bull re-runs a job whose run failed for a reason outside any step (database down). */
export function infrastructureRetryDelayMs(attemptsMade: number): number {
  return Math.min(500 * 2 ** Math.max(0, attemptsMade - 1), 30_000);
}

/** Bull backoff strategy: the error decides. */
export function pipelineBackoff(attemptsMade: number, error: unknown): number {
  if (error instanceof RetryLaterError) return error.delayMs;
  return infrastructureRetryDelayMs(attemptsMade);
}
