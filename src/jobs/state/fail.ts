import { JobStatus } from '../job-status';
import { type RunWrite, type RunWriteRow, settleRunWrite } from './run-write';
import {
  closeStepsOfCancelled,
  endOfRunEvents,
  endsUnlessCancelled,
  fencedJobUpdate,
} from './sql-fragments';
import type { TransitionContext } from './transition-context';
import type { Fence, JobError, StepAttempt } from './types';

/*
 * fail: a run ends the job in FAILURE with the step and the service's message.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      FAILURE with `error`
 *            with a cancel request: CANCELLED, no error (the step's failure is still recorded)
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   `step` (if any) FAILED with the message, the attempt logged (if any) and
 *            counted; with a cancel request, the other unfinished steps CANCELLED
 *   events:  step.failed, job.status FAILURE with the error; or step.failed, job.status CANCELLED
 *   returns: written, cancelled or fenced
 *   prepared: yes
 */
const SQL = `WITH ${fencedJobUpdate(`${endsUnlessCancelled('FAILURE')},
                error = CASE WHEN cancel_requested_at IS NULL THEN $4::jsonb END`)},
       s AS (
         UPDATE job_steps s SET status = 'FAILED', error = $4::jsonb->>'message',
                attempts = s.attempts + CASE WHEN $5::jsonb IS NULL THEN 0 ELSE 1 END,
                attempt_log = s.attempt_log || CASE WHEN $5::jsonb IS NULL THEN '[]'::jsonb ELSE jsonb_build_array($5::jsonb) END,
                finished_at = now(), duration_ms = $6
           FROM j WHERE s.job_id = j.id AND s.step = $3 RETURNING s.step),
       ${closeStepsOfCancelled('$3')},
       ${endOfRunEvents({
         step: '$3',
         stepEvent: 'step.failed',
         stepData: `jsonb_build_object('step', $3::text, 'error', $4::jsonb->>'message')`,
         outcome: 'FAILURE',
         detail: { key: 'error', value: '$4::jsonb' },
       })}`;

export async function fail(
  ctx: TransitionContext,
  fence: Fence,
  step: string | null,
  error: JobError,
  attempt: StepAttempt | null,
): Promise<RunWrite> {
  const rows = await ctx.sql.prepared<RunWriteRow>(SQL, [
    fence.jobId,
    fence.attempt,
    step,
    JSON.stringify(error),
    attempt ? JSON.stringify(attempt) : null,
    attempt?.duration_ms ?? null,
  ]);
  return settleRunWrite(ctx, fence.jobId, rows, JobStatus.Failure);
}
