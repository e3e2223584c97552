import { JobStatus } from '../job-status';
import { EVENT_RETURNING, UNFINISHED_STEP, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';
import type { StepAttempt } from './types';

/*
 * markCancelled: a job whose cancel was requested ends now: a PENDING job nobody runs, an
 * idle PROCESSING one (between attempts), or one whose in-flight call the cancel aborted.
 *   from:    PENDING or PROCESSING, with a cancel request
 *   to:      CANCELLED
 *   guard:   no cancel request, or a finished job: no-op. Not fenced by attempt: the flag
 *            is the authority, and a run still going finds the job finished at its next write
 *   steps:   every unfinished step (running, in a service line, waiting out a retry,
 *            reopened) CANCELLED;
 *            `attempt` logged on `step`, the one whose call the cancel cut short
 *   events:  job.status CANCELLED
 *   returns: true when this call ended the job
 *   prepared: no (rare)
 */
const SQL = `WITH j AS (
         UPDATE jobs SET status = 'CANCELLED', finished_at = now(), updated_at = now(), queued_at = NULL
          WHERE id = $1 AND status IN ('PENDING', 'PROCESSING') AND cancel_requested_at IS NOT NULL
         RETURNING id),
       s AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now(),
                attempt_log = s.attempt_log ||
                  CASE WHEN s.step = $2 AND $3::jsonb IS NOT NULL THEN jsonb_build_array($3::jsonb) ELSE '[]'::jsonb END
           FROM j WHERE s.job_id = j.id AND s.status IN ${UNFINISHED_STEP}
         RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, 'job.status', '{"status":"CANCELLED"}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT id FROM j`;

export async function markCancelled(
  ctx: TransitionContext,
  jobId: string,
  step: string | null,
  attempt: StepAttempt | null,
): Promise<boolean> {
  const rows = await ctx.sql.planned(SQL, [jobId, step, attempt ? JSON.stringify(attempt) : null]);
  if (rows.length === 1) ctx.announce.changed(jobId, JobStatus.Cancelled);
  return rows.length === 1;
}
