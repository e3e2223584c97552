import type { LinkSigner } from '../artifacts/artifact-links';
import { absoluteUrl } from '../artifacts/artifact-urls';
import { stepLabel, stepTitle } from '../pipeline/steps';
import type { JobResponseDto, JobResultDto } from './dto/job-responses.dto';
import { JobStatus } from './job-status';
import type { JobSummaryDto } from './dto/list-jobs.dto';
import type { JobRecord, JobSummaryRecord } from './jobs.repository';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * The `result` shapes of the original service, which its clients rely on. `sign` turns the
 * track's download URL into the one this caller gets (signed when API keys are in use).
 */
export function compatibleResult(
  job: JobSummaryRecord,
  origin: string,
  sign: LinkSigner,
): JobResultDto | null {
  switch (job.status) {
    case JobStatus.Pending:
      return null;
    case JobStatus.Processing:
      return { step: stepLabel(job.current_step) ?? 'Starting' };
    case JobStatus.Success:
      return { final_track_url: sign(absoluteUrl(job.result?.final_track_url ?? '', origin)) };
    case JobStatus.Failure:
      return {
        error: job.error?.message ?? 'Job failed',
        step: stepLabel(job.error?.step ?? null) ?? undefined,
      };
    case JobStatus.Cancelled:
      return { error: 'Job was cancelled', step: stepLabel(job.current_step) ?? undefined };
  }
}

export function toJobSummary(
  job: JobSummaryRecord,
  origin: string,
  sign: LinkSigner,
): JobSummaryDto {
  return {
    job_id: job.id,
    status: job.status,
    result: compatibleResult(job, origin, sign),
    prompt: job.prompt,
    reference_track_url: job.reference_track_url,
    current_step: job.current_step,
    error: job.error,
    runs: job.attempt,
    created_at: iso(job.created_at) ?? '',
    updated_at: iso(job.updated_at) ?? '',
    started_at: iso(job.started_at),
    finished_at: iso(job.finished_at),
    cancel_requested_at: iso(job.cancel_requested_at),
    priority: job.priority,
    queue: job.queue ?? null,
    quality: job.quality ?? null,
  };
}

export function toJobResponse(job: JobRecord, origin: string, sign: LinkSigner): JobResponseDto {
  return {
    ...toJobSummary(job, origin, sign),
    steps: job.steps.map((step) => ({
      name: step.step,
      label: stepTitle(step.step),
      status: step.status,
      attempts: step.attempts,
      started_at: iso(step.started_at),
      finished_at: iso(step.finished_at),
      duration_ms: step.duration_ms,
      error: step.error,
      attempt_log: step.attempt_log,
    })),
  };
}
