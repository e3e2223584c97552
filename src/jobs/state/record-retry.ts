import { type RunWrite, type RunWriteRow, settleRunWrite } from './run-write';
import {
  closeStepsOfCancelled,
  EVENT_RETURNING,
  fencedJobUpdate,
  RUNNING_UNLESS_CANCELLED,
  webhookOutbox,
} from './sql-fragments';
import type { TransitionContext } from './transition-context';
import type { Fence, StepAttempt } from './types';

/*
 * recordRetry: a step's call failed transiently and will be tried again after a backoff.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      PROCESSING (the run ends; the queue re-runs the job after `retryInMs`)
 *            with a cancel request: CANCELLED, and no retry
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   `step` RETRYING with the error, attempts + 1 and the attempt logged; with a
 *            cancel request `step` and every other unfinished step CANCELLED
 *   events:  step.retrying (error, attempt, retry_in_ms); or job.status CANCELLED
 *   returns: written, cancelled or fenced
 *   prepared: yes
 */
const SQL = `WITH ${fencedJobUpdate(`${RUNNING_UNLESS_CANCELLED}`)},
       s AS (
         UPDATE job_steps s SET
                status = CASE WHEN j.status = 'CANCELLED' THEN 'CANCELLED'::step_status ELSE 'RETRYING'::step_status END,
                finished_at = CASE WHEN j.status = 'CANCELLED' THEN now() END,
                error = $4, attempts = s.attempts + 1, attempt_log = s.attempt_log || jsonb_build_array($5::jsonb)
           FROM j WHERE s.job_id = j.id AND s.step = $3 RETURNING s.step),
       ${closeStepsOfCancelled('$3')},
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           ('step.retrying', jsonb_build_object('step', $3::text, 'error', $4::text,
                'attempt', $6::int, 'retry_in_ms', $7::int)),
           ('job.status', '{"status":"CANCELLED"}'::jsonb)) AS e(type, data)
          WHERE (e.type = 'job.status') = (j.status = 'CANCELLED') ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id, status FROM j`;

export async function recordRetry(
  ctx: TransitionContext,
  fence: Fence,
  step: string,
  attempt: StepAttempt,
  retryInMs: number,
): Promise<RunWrite> {
  const rows = await ctx.sql.prepared<RunWriteRow>(SQL, [
    fence.jobId,
    fence.attempt,
    step,
    attempt.error ?? null,
    JSON.stringify(attempt),
    attempt.attempt,
    retryInMs,
  ]);
  return settleRunWrite(ctx, fence.jobId, rows);
}
