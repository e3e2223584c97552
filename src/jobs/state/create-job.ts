import type { JobPriority } from '../job-priority';
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
  priority: JobPriority;
  /** The owner may have at most this many unfinished jobs (MAX_BACKLOG_PER_OWNER; 0: no cap). */
  maxBacklog: number;
}

/** What became of the create: stored, a repeated Idempotency-Key, or refused (backlog full). */
export type CreateOutcome = 'created' | 'duplicate' | 'backlog full';

/*
 * createJob: a new job is stored.
 *   from:    (none)
 *   to:      PENDING
 *   guard:   no job of the owner has the same Idempotency-Key, and the owner has fewer
 *            than `maxBacklog` unfinished jobs (else a no-op)
 *   steps:   none yet
 *   events:  job.status PENDING
 *   returns: created, duplicate (the key exists) or backlog full
 *   prepared: yes (every create)
 */
const SQL = `WITH room AS (
         SELECT CASE WHEN $12::int = 0 THEN true ELSE (
           SELECT count(*) < $12 FROM (
             SELECT 1 FROM jobs WHERE owner = $4 AND finished_at IS NULL LIMIT $12) unfinished)
         END AS ok),
       j AS (
         INSERT INTO jobs (id, prompt, reference_track_url, owner, idempotency_key, request_fingerprint,
                           deadline_at, webhook_url, webhook_events, step_list_version, priority)
         SELECT $1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::float8 / 1000), $8, $9::text[],
                $10, $11::job_priority
           FROM room WHERE room.ok
         ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING id, webhook_url, webhook_events),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT id, 'job.status', '{"status":"PENDING"}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT (SELECT count(*) FROM ev)::int AS created, room.ok AS room FROM room`;

export async function createJob(ctx: TransitionContext, job: NewJob): Promise<CreateOutcome> {
  const rows = await ctx.sql.prepared<{ created: number; room: boolean }>(SQL, [
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
    job.priority,
    job.maxBacklog,
  ]);
  if (rows[0]?.created === 1) {
    ctx.announce.changed(job.id);
    return 'created';
  }
  return rows[0]?.room === false ? 'backlog full' : 'duplicate';
}
