import type { JobStatus } from '../job-status';
import { EVENT_RETURNING, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';

/*
 * reopen: a user retries a finished job that did not succeed.
 *   from:    FAILURE or CANCELLED
 *   to:      PENDING with a new deadline; error, result, cancel request, finished_at and the
 *            count of unexpected errors cleared (a fresh budget of runs)
 *   guard:   any other status: no-op (reopened false); `owner` limits it to that owner's jobs
 *   steps:   SUCCEEDED steps keep their checkpoints; every other step PENDING with a fresh
 *            retry budget (attempts 0)
 *   events:  job.status PENDING with retry: true
 *   returns: the job's status after the call and whether it was reopened; undefined when absent
 *   prepared: no (rare)
 */
const SQL = `WITH cur AS (
         SELECT id, status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
       j AS (
         UPDATE jobs SET status = 'PENDING', error = NULL, result = NULL, cancel_requested_at = NULL,
                finished_at = NULL, unexpected_errors = 0, updated_at = now(), queued_at = NULL,
                deadline_at = now() + make_interval(secs => $3::float8 / 1000)
           FROM cur WHERE jobs.id = cur.id AND cur.status IN ('FAILURE', 'CANCELLED')
         RETURNING jobs.id),
       s AS (
         UPDATE job_steps s SET status = 'PENDING', attempts = 0, finished_at = NULL
           FROM j WHERE s.job_id = j.id AND s.status <> 'SUCCEEDED' RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT id, 'job.status', '{"status":"PENDING","retry":true}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT CASE WHEN (SELECT count(*) FROM j) > 0 THEN 'PENDING'::job_status ELSE cur.status END AS status,
              (SELECT count(*) FROM j) > 0 AS reopened
         FROM cur`;

export async function reopen(
  ctx: TransitionContext,
  jobId: string,
  deadlineMs: number,
  owner?: string,
): Promise<{ status: JobStatus; reopened: boolean } | undefined> {
  const rows = await ctx.sql.planned<{ status: JobStatus; reopened: boolean }>(SQL, [
    jobId,
    owner ?? null,
    deadlineMs,
  ]);
  if (rows[0]?.reopened) ctx.announce.changed(jobId);
  return rows[0];
}
