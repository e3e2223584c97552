import {
  checkpointStep,
  closeStepsOfCancelled,
  fencedJobUpdate,
  nextStepEvents,
  RUNNING_UNLESS_CANCELLED,
} from './sql-fragments';
import type { TransitionContext } from './transition-context';
import { nextStepParams, type RunWrite, type RunWriteRow, settleRunWrite } from './run-write';
import type { Fence, StepFinish, StepStart } from './types';

/*
 * queueStep: a run's next step waits in its service's line for a slot; the run then ends,
 *          and the job is enqueued again when a slot is handed to it.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      PROCESSING, current_step = the waiting step, queued_at = when it joined the
 *            line (kept across runs); the wait is added to the deadline when it ends
 *            with a cancel request: CANCELLED (the finished step is still checkpointed)
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   `finish` (if any) SUCCEEDED with its output, attempt and duration; `start`
 *            QUEUED with its input; with a cancel request, the other unfinished steps
 *            CANCELLED and `start` not queued
 *   events:  step.succeeded (with duration_ms), step.queued (with the position in line);
 *            or step.succeeded, job.status CANCELLED
 *   returns: written, cancelled or fenced
 *   prepared: yes (every wait)
 */
const SQL = `WITH ${fencedJobUpdate(
  `${RUNNING_UNLESS_CANCELLED},
                current_step = CASE WHEN cancel_requested_at IS NULL THEN $3 ELSE current_step END,
                queued_at = CASE WHEN cancel_requested_at IS NULL THEN COALESCE(queued_at, now()) END`,
  false,
)},
       ${checkpointStep({ step: '$4', output: '$5', attempt: '$6', durationMs: '$8' })},
       queued AS (
         INSERT INTO job_steps (job_id, step, status, input)
         SELECT j.id, $3, 'QUEUED', $7::jsonb FROM j WHERE j.status = 'PROCESSING'
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'QUEUED', input = EXCLUDED.input, error = NULL, finished_at = NULL
         RETURNING job_id),
       ${closeStepsOfCancelled('$4')},
       ${nextStepEvents('step.queued', `jsonb_build_object('step', $3::text, 'position', $9::int)`)}`;

export async function queueStep(
  ctx: TransitionContext,
  fence: Fence,
  finish: StepFinish | null,
  start: StepStart,
  position: number,
): Promise<RunWrite> {
  const rows = await ctx.sql.prepared<RunWriteRow>(SQL, [
    ...nextStepParams(fence, finish, start),
    position,
  ]);
  return settleRunWrite(ctx, fence.jobId, rows);
}
