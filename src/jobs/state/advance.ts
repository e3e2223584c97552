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
 * advance: a run checkpoints the step it finished and starts the next one.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      PROCESSING, current_step = the next step
 *            with a cancel request: CANCELLED (the finished step is still checkpointed)
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   `finish` (if any) SUCCEEDED with its output, attempt and duration; `start`
 *            RUNNING with its input; with a cancel request, the other unfinished steps
 *            CANCELLED and `start` not started
 *   events:  step.succeeded (with duration_ms), step.started; or step.succeeded, job.status CANCELLED
 *   returns: written, cancelled or fenced
 *   prepared: yes (every step)
 */
const SQL = `WITH ${fencedJobUpdate(`${RUNNING_UNLESS_CANCELLED},
                current_step = CASE WHEN cancel_requested_at IS NULL THEN $3 ELSE current_step END`)},
       ${checkpointStep({ step: '$4', output: '$5', attempt: '$6', durationMs: '$8' })},
       started AS (
         INSERT INTO job_steps (job_id, step, status, input, started_at)
         SELECT j.id, $3, 'RUNNING', $7::jsonb, now() FROM j WHERE j.status = 'PROCESSING'
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'RUNNING', input = EXCLUDED.input, error = NULL,
                started_at = COALESCE(job_steps.started_at, now()), finished_at = NULL
         RETURNING job_id),
       ${closeStepsOfCancelled('$4')},
       ${nextStepEvents('step.started', `jsonb_build_object('step', $3::text)`)}`;

export async function advance(
  ctx: TransitionContext,
  fence: Fence,
  finish: StepFinish | null,
  start: StepStart,
): Promise<RunWrite> {
  const rows = await ctx.sql.prepared<RunWriteRow>(SQL, nextStepParams(fence, finish, start));
  return settleRunWrite(ctx, fence.jobId, rows);
}
