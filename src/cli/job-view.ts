/** The parts of the API's job resource the `track` command reads (see openapi.json). */

export const FINISHED_STATUSES: readonly string[] = ['SUCCESS', 'FAILURE', 'CANCELLED'];

export interface StepView {
  name: string;
  label: string;
  /** PENDING, QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED (or a newer one). */
  status: string;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
}

/** Where a job waits for a slot of its step's service (issue 12's scheduler), when it does. */
export interface QueueView {
  step: string;
  position: number;
  eta_seconds?: number;
}

export interface JobView {
  job_id: string;
  status: string;
  prompt: string;
  priority?: string;
  result: { step?: string; final_track_url?: string; error?: string } | null;
  error: { step: string | null; message: string; service?: string | null } | null;
  steps?: StepView[];
  queue?: QueueView | null;
  created_at: string;
  finished_at: string | null;
}

export function isFinished(job: JobView): boolean {
  return FINISHED_STATUSES.includes(job.status);
}

/** The service's own message of a failed job. */
export function failureMessage(job: JobView): string {
  const message = job.error?.message ?? job.result?.error ?? 'no message';
  const step = job.error?.step ?? job.result?.step;
  return step ? `${step}: ${message}` : message;
}
