import type { JobStatus } from './job-status';

/** Domain errors of the jobs API; the HTTP exception filter gives each its status. */
export class JobNotFoundError extends Error {
  constructor() {
    super('Job not found');
  }
}

export class JobStateConflictError extends Error {
  constructor(
    readonly status: JobStatus,
    action: string,
  ) {
    super(`Job is ${status}; only ${action}`);
  }
}

export class IdempotencyConflictError extends Error {
  constructor(readonly jobId: string) {
    super('Idempotency-Key was already used with a different request body');
  }
}

/** A key (or a client, without keys) over one of its budgets: 429 with Retry-After. */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many jobs created or retried with this API key; slow down',
  ) {
    super(message);
  }
}

/** An owner with more unfinished jobs than MAX_BACKLOG_PER_OWNER: 429 with the wait. */
export class BacklogFullError extends RateLimitedError {
  constructor(
    readonly backlog: number,
    readonly estimatedWaitSeconds: number,
  ) {
    super(
      Math.max(1, estimatedWaitSeconds),
      `This API key has ${backlog} unfinished jobs, the most one owner may have waiting; wait for some to finish${estimatedWaitSeconds > 0 ? ` (about ${estimatedWaitSeconds} s)` : ''} or cancel some`,
    );
  }
}

/**
 * A request field that passed the DTO's checks but cannot be honoured here (a forged
 * cursor, a webhook on a server without a signing secret); answered 400 naming the field.
 */
export class InvalidFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
