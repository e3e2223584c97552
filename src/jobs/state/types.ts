import type { StepAttempt } from '../entities/job-step.entity';
import type { JobError, JobResult } from '../entities/job.entity';
import type { JobPriority } from '../job-priority';
import type { StepStatus } from '../job-status';

/** One step of a job as the API and the runner read it. */
export interface StepRecord {
  step: string;
  status: StepStatus;
  attempts: number;
  output: unknown;
  error: string | null;
  attempt_log: StepAttempt[];
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

/** What a worker learns when it claims a job: enough to run it without another read. */
export interface ClaimedJob {
  id: string;
  prompt: string;
  reference_track_url: string | null;
  attempt: number;
  created_at: Date;
  /** Whose job it is, and where it stands among that owner's jobs in a service line. */
  owner: string;
  priority: JobPriority;
  /** The steps as they were before this claim. */
  steps: StepRecord[];
  /** The step the claim itself marked running (the first step), or null. */
  started_step: string | null;
}

/** Writes to a running job are fenced by the claim's attempt number; a stale worker's write is a no-op. */
export interface Fence {
  jobId: string;
  attempt: number;
}

export interface StepStart {
  step: string;
  input: unknown;
}

export interface StepFinish {
  step: string;
  output: unknown;
  attempt: StepAttempt;
}

export type { JobError, JobResult, StepAttempt };
