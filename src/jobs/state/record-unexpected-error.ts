import type { TransitionContext } from './transition-context';
import type { Fence } from './types';

/*
 * recordUnexpectedError: a run ended on an error of the job's own processing that is none
 * of the expected ones (a service's failure, a cancel, a shutdown, PostgreSQL or Redis out
 * of reach): a bug, or a value the code cannot handle. Counted, so that such an error
 * re-runs the job a few times at most (see UNEXPECTED_ERROR_RUNS) before it fails.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      PROCESSING (the queue re-runs the job after a short delay), unexpected_errors + 1
 *            with a cancel request: unchanged too; the next claim ends the job CANCELLED
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   unchanged (the step the error stopped is started again by the next run)
 *   events:  none (nothing a user would see changed)
 *   returns: the job's count of such runs, this one included; or fenced
 *   prepared: no (rare)
 */
const SQL = `UPDATE jobs SET unexpected_errors = unexpected_errors + 1, updated_at = now()
        WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
       RETURNING unexpected_errors`;

export async function recordUnexpectedError(
  ctx: TransitionContext,
  fence: Fence,
): Promise<number | 'fenced'> {
  const rows = await ctx.sql.planned<{ unexpected_errors: number }>(SQL, [
    fence.jobId,
    fence.attempt,
  ]);
  return rows[0]?.unexpected_errors ?? 'fenced';
}
