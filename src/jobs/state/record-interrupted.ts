import type { TransitionContext } from './transition-context';
import type { Fence, StepAttempt } from './types';

/*
 * recordInterrupted: a step's call was cut short through no fault of the service (the
 * worker is shutting down), or the service refused it as over its capacity while it was
 * serving this orchestrator's other calls (a probe of the learnt limit, see
 * `ServiceCapacity`); the attempt does not count against the step's retry budget.
 *   from:    PROCESSING, held by this run (attempt = the fence), the step RUNNING
 *   to:      PROCESSING (the job is handed back to the queue)
 *   guard:   another run's attempt, a finished job (a deadline failure, a cancel) or a step
 *            that is no longer running: no-op, so a FAILED or CANCELLED step stays so
 *   steps:   `step` RETRYING, the attempt logged, attempts unchanged
 *   events:  none (nothing a user would see changed)
 *   returns: true when recorded
 *   prepared: yes
 */
const SQL = `UPDATE job_steps s SET status = 'RETRYING', attempt_log = s.attempt_log || jsonb_build_array($4::jsonb)
         FROM jobs j
        WHERE j.id = $1 AND j.attempt = $2 AND j.status = 'PROCESSING'
          AND s.job_id = j.id AND s.step = $3 AND s.status = 'RUNNING'
       RETURNING s.step`;

export async function recordInterrupted(
  ctx: TransitionContext,
  fence: Fence,
  step: string,
  attempt: StepAttempt,
): Promise<boolean> {
  const rows = await ctx.sql.prepared(SQL, [
    fence.jobId,
    fence.attempt,
    step,
    JSON.stringify(attempt),
  ]);
  return rows.length === 1;
}
