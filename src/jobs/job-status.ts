/** Lifecycle of a job. SUCCESS, FAILURE and CANCELLED are terminal. */
export enum JobStatus {
  Pending = 'PENDING',
  Processing = 'PROCESSING',
  Success = 'SUCCESS',
  Failure = 'FAILURE',
  Cancelled = 'CANCELLED',
}

export const TERMINAL_STATUSES: readonly JobStatus[] = [
  JobStatus.Success,
  JobStatus.Failure,
  JobStatus.Cancelled,
];

/** Lifecycle of one step of one job. */
export enum StepStatus {
  Pending = 'PENDING',
  /** Waiting in its service's line for a slot (no worker holds the job meanwhile). */
  Queued = 'QUEUED',
  Running = 'RUNNING',
  Retrying = 'RETRYING',
  Succeeded = 'SUCCEEDED',
  Failed = 'FAILED',
  Cancelled = 'CANCELLED',
}
