export const PIPELINE_QUEUE = 'pipeline';

/** Bull payload: the job id only. PostgreSQL holds everything else. */
export interface PipelineJobData {
  jobId: string;
}

/** Name of the Bull backoff strategy that takes its delay from the error the run threw. */
export const PIPELINE_BACKOFF = 'pipeline';

/**
 * Bull's own retry count is only a vehicle for step backoff: the step budget lives in
 * PostgreSQL, so this is set far above any real policy.
 */
export const BULL_ATTEMPTS = 10_000;
