import type { JobStatus } from '../job-status';
import { EVENT_RETURNING, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';

/*
 * requestCancel: a user asks for a job to stop. The flag is the cancel: every later
 * transition of the job obeys it (see markCancelled and the writes of a run).
 *   from:    PENDING or PROCESSING
 *   to:      unchanged, cancel_requested_at set (kept if already set)
 *   guard:   a finished job: no-op (flagged false); `owner` limits it to that owner's jobs
 *   steps:   unchanged
 *   events:  cancel.requested
 *   returns: the job's status and whether it was flagged; undefined when absent
 *   prepared: no (rare)
 */
const SQL = `WITH cur AS (
         SELECT id, status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
       j AS (
         UPDATE jobs SET cancel_requested_at = COALESCE(jobs.cancel_requested_at, now()), updated_at = now()
           FROM cur WHERE jobs.id = cur.id AND cur.status IN ('PENDING', 'PROCESSING')
         RETURNING jobs.id),
       ev AS (
         INSERT INTO job_events (job_id, type, data) SELECT id, 'cancel.requested', '{}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT cur.status, (SELECT count(*) FROM j) > 0 AS flagged FROM cur`;

export async function requestCancel(
  ctx: TransitionContext,
  jobId: string,
  owner?: string,
): Promise<{ status: JobStatus; flagged: boolean } | undefined> {
  const rows = await ctx.sql.planned<{ status: JobStatus; flagged: boolean }>(SQL, [
    jobId,
    owner ?? null,
  ]);
  if (rows[0]?.flagged) ctx.announce.changed(jobId);
  return rows[0];
}
