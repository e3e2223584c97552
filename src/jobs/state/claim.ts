import { JobStatus } from '../job-status';
import { FIRST_STEP, STEP_LIST_VERSION } from '../../pipeline/steps';
import { EVENT_RETURNING, STEPS_JSON, UNFINISHED_STEP, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';
import type { ClaimedJob } from './types';

export type ClaimOutcome =
  | { kind: 'claimed'; job: ClaimedJob }
  | { kind: 'cancelled' }
  | { kind: 'newer-step-list' }
  | { kind: 'not-runnable' };

/*
 * claim: a worker takes a job for a run.
 *   from:    PENDING or PROCESSING (a run that died, or one handed back between steps)
 *   to:      PROCESSING, attempt + 1: the new run's fence, which makes any older run's
 *            writes no-ops; started_at kept from the first run
 *            with a cancel request: CANCELLED at once, attempt unchanged (no run starts)
 *   guard:   a terminal or absent job is left alone (not-runnable); so is a job created
 *            under a newer step list than this worker's (newer-step-list: a newer worker runs it)
 *   steps:   the first step RUNNING with its input, unless it already succeeded;
 *            with a cancel request every unfinished step CANCELLED
 *   events:  job.status PROCESSING (only from PENDING), step.started; or job.status CANCELLED
 *   returns: the claimed job with its steps as they were, or cancelled, newer-step-list or not-runnable
 *   prepared: yes (every run)
 */
const SQL = `WITH prev AS (
         SELECT id, status, cancel_requested_at IS NOT NULL AS cancel,
                step_list_version > $3 AS newer,
                cancel_requested_at IS NULL AND NOT EXISTS (
                  SELECT 1 FROM job_steps s
                   WHERE s.job_id = jobs.id AND s.step = $2 AND s.status = 'SUCCEEDED') AS start_first
           FROM jobs WHERE id = $1 FOR UPDATE),
       j AS (
         UPDATE jobs j SET
                status = CASE WHEN prev.cancel THEN 'CANCELLED'::job_status ELSE 'PROCESSING'::job_status END,
                attempt = CASE WHEN prev.cancel THEN j.attempt ELSE j.attempt + 1 END,
                started_at = CASE WHEN prev.cancel THEN j.started_at ELSE COALESCE(j.started_at, now()) END,
                finished_at = CASE WHEN prev.cancel THEN now() END,
                updated_at = now(),
                current_step = CASE WHEN prev.start_first THEN $2 ELSE j.current_step END
           FROM prev
          WHERE j.id = prev.id AND prev.status IN ('PENDING', 'PROCESSING') AND NOT prev.newer
         RETURNING j.id, j.status, j.prompt, j.reference_track_url, j.attempt, j.created_at,
                   j.owner, j.priority, j.webhook_url, j.webhook_events),
       started AS (
         INSERT INTO job_steps (job_id, step, status, input, started_at)
         SELECT j.id, $2, 'RUNNING', ${FIRST_STEP.inputSql}, now() FROM j, prev WHERE prev.start_first
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'RUNNING', input = EXCLUDED.input, error = NULL,
                started_at = COALESCE(job_steps.started_at, now()), finished_at = NULL
         RETURNING step),
       closed AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now()
           FROM j, prev WHERE prev.cancel AND s.job_id = j.id AND s.status IN ${UNFINISHED_STEP}
         RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, prev, (VALUES
           (1, 'job.status', '{"status":"PROCESSING"}'::jsonb),
           (2, 'step.started', jsonb_build_object('step', $2::text)),
           (3, 'job.status', '{"status":"CANCELLED"}'::jsonb)) AS e(n, type, data)
          WHERE (e.n = 1 AND prev.status = 'PENDING' AND NOT prev.cancel)
             OR (e.n = 2 AND prev.start_first) OR (e.n = 3 AND prev.cancel)
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT j.id, j.status, j.prompt, j.reference_track_url, j.attempt, j.created_at,
              j.owner, j.priority, ${STEPS_JSON} AS steps, CASE WHEN prev.start_first THEN $2 END AS started_step,
              prev.newer AND prev.status IN ('PENDING', 'PROCESSING') AS newer
         FROM prev LEFT JOIN j ON true`;

export async function claim(ctx: TransitionContext, jobId: string): Promise<ClaimOutcome> {
  const rows = await ctx.sql.prepared<ClaimedJob & { status: JobStatus; newer: boolean }>(SQL, [
    jobId,
    FIRST_STEP.name,
    STEP_LIST_VERSION,
  ]);
  const row = rows[0];
  if (row?.newer) return { kind: 'newer-step-list' };
  if (!row?.id) return { kind: 'not-runnable' };
  if (row.status === JobStatus.Cancelled) {
    ctx.announce.changed(jobId, JobStatus.Cancelled);
    return { kind: 'cancelled' };
  }
  ctx.announce.changed(jobId);
  return { kind: 'claimed', job: row };
}
