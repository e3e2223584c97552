import { EVENT_RETURNING, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';

export interface NewJob {
  id: string;
  prompt: string;
  referenceTrackUrl: string | null;
  owner: string;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  deadlineMs: number;
  webhookUrl?: string | null;
  /** Event types to deliver; null or absent means every type. */
  webhookEvents?: string[] | null;
  /** The step list it is created under (`STEP_LIST_VERSION`). */
  stepListVersion: number;
}

/*
 * createJob: a new job is stored.
 *   from:    (none)
 *   to:      PENDING
 *   guard:   no job of the owner has the same Idempotency-Key (else a no-op)
 *   steps:   none yet
 *   events:  job.status PENDING
 *   returns: true when inserted, false when the key already exists
 *   prepared: yes (every create)
 */
const SQL = `WITH j AS (
         INSERT INTO jobs (id, prompt, reference_track_url, owner, idempotency_key, request_fingerprint,
                           deadline_at, webhook_url, webhook_events, step_list_version)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::float8 / 1000), $8, $9::text[], $10)
         ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING id, webhook_url, webhook_events),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT id, 'job.status', '{"status":"PENDING"}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT job_id FROM ev`;

export async function createJob(ctx: TransitionContext, job: NewJob): Promise<boolean> {
  const rows = await ctx.sql.prepared(SQL, [
    job.id,
    job.prompt,
    job.referenceTrackUrl,
    job.owner,
    job.idempotencyKey,
    job.requestFingerprint,
    job.deadlineMs,
    job.webhookUrl ?? null,
    job.webhookEvents ?? null,
    job.stepListVersion,
  ]);
  if (rows.length === 1) ctx.announce.changed(job.id);
  return rows.length === 1;
}
