import { JobStatus } from '../job-status';
import { type RunWrite, type RunWriteRow, settleRunWrite } from './run-write';
import {
  checkpointStep,
  closeStepsOfCancelled,
  endOfRunEvents,
  endsUnlessCancelled,
  fencedJobUpdate,
} from './sql-fragments';
import type { TransitionContext } from './transition-context';
import type { Fence, JobResult, StepFinish } from './types';

/*
 * succeed: a run checkpoints its last step and ends the job with its result.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      SUCCESS with `result`
 *            with a cancel request: CANCELLED, no result (the step is still checkpointed,
 *            so a retry ends SUCCESS at once)
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   `finish` (null when every step was checkpointed by earlier runs) SUCCEEDED;
 *            with a cancel request, the other unfinished steps CANCELLED
 *   events:  step.succeeded (with duration_ms), job.status SUCCESS with the result; or
 *            step.succeeded, job.status CANCELLED
 *   returns: written, cancelled or fenced
 *   prepared: yes (every job)
 */
const SQL = `WITH ${fencedJobUpdate(`${endsUnlessCancelled('SUCCESS')},
                result = CASE WHEN cancel_requested_at IS NULL THEN $5::jsonb END,
                error = NULL, current_step = NULL`)},
       ${checkpointStep({ step: '$3', output: '$4', attempt: '$6', durationMs: '$7' })},
       ${closeStepsOfCancelled('$3')},
       ${endOfRunEvents({
         step: '$3',
         stepEvent: 'step.succeeded',
         stepData: `jsonb_build_object('step', $3::text, 'duration_ms', $7::int)`,
         outcome: 'SUCCESS',
         detail: { key: 'result', value: '$5::jsonb' },
       })}`;

export async function succeed(
  ctx: TransitionContext,
  fence: Fence,
  finish: StepFinish | null,
  result: JobResult,
): Promise<RunWrite> {
  const rows = await ctx.sql.prepared<RunWriteRow>(SQL, [
    fence.jobId,
    fence.attempt,
    finish?.step ?? null,
    finish ? JSON.stringify(finish.output) : null,
    JSON.stringify(result),
    finish ? JSON.stringify(finish.attempt) : null,
    finish?.attempt.duration_ms ?? null,
  ]);
  return settleRunWrite(ctx, fence.jobId, rows, JobStatus.Success);
}
