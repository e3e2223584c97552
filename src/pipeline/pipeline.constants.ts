export const PIPELINE_QUEUE = 'pipeline';

/** Bull payload: the job id, and whether it was just created. PostgreSQL holds everything else. */
export interface PipelineJobData {
  jobId: string;
  /**
   * Enqueued by its create: the first run of the Bull job starts at the first step, so it
   * asks for that step's slot while it claims the job. A job enqueued again (a handed slot,
   * a retry, the reconciler) goes without it, and Bull's retries of a run after a backoff
   * do not count it (`attemptsMade` > 0): those runs ask for no slot they would not use.
   * A run that stalled and is run again may still ask; the slot then goes straight back.
   */
  fresh?: true;
}

/** Name of the Bull backoff strategy that takes its delay from the error the run threw. */
export const PIPELINE_BACKOFF = 'pipeline';

/**
 * Bull's own retry count is only a vehicle for step backoff: the step budget lives in
 * PostgreSQL, so this is set far above any real policy.
 */
export const BULL_ATTEMPTS = 10_000;

/**
 * Runs a job may end on an unexpected error of its own (a bug, a value the code cannot
 * handle; not a service's failure, not PostgreSQL or Redis out of reach) before it fails:
 * enough for a rare passing fault (a deadlock) to clear, few enough that one that recurs
 * does not re-run the job, calling its services again, until the deadline. Counted in
 * `jobs.unexpected_errors`; a retry of the job starts the count again.
 */
export const UNEXPECTED_ERROR_RUNS = 3;

/** Delay before the run after the first unexpected error, doubled after each further one. */
export const UNEXPECTED_ERROR_RETRY_MS = 1_000;
