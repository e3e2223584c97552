import type { JobStatus } from '../job-status';
import { EVENT_RETURNING, UNFINISHED_STEP, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';

/*
 * failOverdue: the reconciler ends every unfinished job past its deadline.
 *   from:    PENDING or PROCESSING, deadline_at passed
 *   to:      FAILURE with a deadline message naming the current step
 *            with a cancel request: CANCELLED (a cancel that was accepted wins)
 *   guard:   finished jobs, jobs within their deadline and jobs waiting in a service line
 *            (time in line does not count: its end moves the deadline on) are left alone
 *   steps:   every unfinished step FAILED with the message (CANCELLED with a cancel request)
 *   events:  step.failed per closed step, then job.status FAILURE with the error; or job.status CANCELLED
 *   returns: the ended jobs with their new status
 *   prepared: no (a sweep)
 */
const SQL = `WITH j AS (
         UPDATE jobs SET finished_at = now(), updated_at = now(),
                status = CASE WHEN cancel_requested_at IS NULL THEN 'FAILURE'::job_status ELSE 'CANCELLED'::job_status END,
                error = CASE WHEN cancel_requested_at IS NULL THEN jsonb_build_object('step', current_step,
                  'message', 'Job did not finish before its deadline (' || deadline_at || ')') END
          WHERE finished_at IS NULL AND deadline_at < now() AND queued_at IS NULL
         RETURNING id, status, error),
       s AS (
         UPDATE job_steps s SET finished_at = now(),
                status = CASE WHEN j.status = 'FAILURE' THEN 'FAILED'::step_status ELSE 'CANCELLED'::step_status END,
                error = COALESCE(j.error->>'message', s.error)
           FROM j WHERE s.job_id = j.id AND s.status IN ${UNFINISHED_STEP}
         RETURNING s.job_id, s.step, j.status AS job_status, j.error->>'message' AS message),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT e.job_id, e.type, e.data FROM (
           SELECT s.job_id, 1 AS n, 'step.failed' AS type,
                  jsonb_build_object('step', s.step, 'error', s.message) AS data
             FROM s WHERE s.job_status = 'FAILURE'
           UNION ALL
           SELECT id, 2, 'job.status', jsonb_build_object('status', status) ||
                  CASE WHEN error IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('error', error) END FROM j
         ) e ORDER BY e.job_id, e.n ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT id, status FROM j`;

export async function failOverdue(
  ctx: TransitionContext,
): Promise<{ id: string; status: JobStatus }[]> {
  const rows = await ctx.sql.planned<{ id: string; status: JobStatus }>(SQL, []);
  for (const row of rows) ctx.announce.changed(row.id, row.status);
  return rows;
}
