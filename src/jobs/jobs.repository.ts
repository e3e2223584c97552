import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedSql } from '../database/prepared-sql';
import { JobStatus, StepStatus } from './job-status';
import type { StepAttempt } from './entities/job-step.entity';
import type { JobError, JobResult } from './entities/job.entity';
import { JobListFilter, JobListPage, jobListQuery, SUMMARY_COLUMNS } from './job-list.query';
import { FIRST_STEP } from '../pipeline/steps';

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
}

/** A job as the API shows it in a list. */
export interface JobSummaryRecord {
  id: string;
  status: JobStatus;
  prompt: string;
  reference_track_url: string | null;
  current_step: string | null;
  result: JobResult | null;
  error: JobError | null;
  attempt: number;
  owner: string;
  cancel_requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A job as the API shows it on its own, steps included. */
export interface JobRecord extends JobSummaryRecord {
  steps: StepRecord[];
}

export interface StepRecord {
  step: string;
  status: StepStatus;
  attempts: number;
  output: unknown;
  error: string | null;
  attempt_log: StepAttempt[];
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

/** What a worker learns when it claims a job: enough to run it without another read. */
export interface ClaimedJob {
  id: string;
  prompt: string;
  reference_track_url: string | null;
  attempt: number;
  created_at: Date;
  /** The steps as they were before this claim. */
  steps: StepRecord[];
  /** The step the claim itself marked running (see `FIRST_STEP`), or null. */
  started_step: string | null;
}

/** Declared by the first step's file (`src/pipeline/steps`), which the claim starts itself. */
export { FIRST_STEP };

export type ClaimOutcome =
  | { kind: 'claimed'; job: ClaimedJob }
  | { kind: 'cancel-requested'; attempt: number }
  | { kind: 'not-runnable' };

/** Writes to a running job are fenced by the claim's attempt number; a stale worker's write is a no-op. */
export interface Fence {
  jobId: string;
  attempt: number;
}

export interface StepStart {
  step: string;
  input: unknown;
}

export interface StepFinish {
  step: string;
  output: unknown;
  attempt: StepAttempt;
}

const STEPS_JSON = `COALESCE((
  SELECT json_agg(json_build_object(
    'step', s.step, 'status', s.status, 'attempts', s.attempts, 'output', s.output,
    'error', s.error, 'attempt_log', s.attempt_log, 'started_at', s.started_at,
    'finished_at', s.finished_at, 'duration_ms', s.duration_ms) ORDER BY s.started_at NULLS LAST)
  FROM job_steps s WHERE s.job_id = j.id), '[]'::json)`;

/**
 * The webhook outbox: a CTE that queues one delivery for each event the `ev` CTE just
 * wrote whose job has a webhook wanting that type, in the same statement (so the same
 * transaction) as the event. `jobsSource` is `jobs`, or the CTE that wrote the job in this
 * statement and returned its `webhook_url` and `webhook_events` (a sibling CTE's write is
 * not visible through the table, and reading the CTE costs no second look-up of the row).
 */
function webhookOutbox(jobsSource = 'jobs'): string {
  return `wh AS (
         INSERT INTO webhook_deliveries (id, job_id, event_id, event_type, url, payload)
         SELECT 'msg_' || ev.id, ev.job_id, ev.id, ev.type, w.webhook_url,
                jsonb_build_object(
                  'type', ev.type,
                  'timestamp', to_char(ev.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'data', jsonb_build_object('job_id', ev.job_id) || ev.data)
           FROM ev JOIN ${jobsSource} w ON w.id = ev.job_id
          WHERE w.webhook_url IS NOT NULL
            AND (w.webhook_events IS NULL OR ev.type = ANY(w.webhook_events)))`;
}
/** What every `ev` CTE returns for the outbox. */
const EVENT_RETURNING = 'RETURNING id, job_id, type, data, created_at';

/*
 * Each state change of a running job is a single statement (data-modifying CTEs): the jobs
 * row, the step row and the event land in one implicit transaction and cost one commit.
 */
@Injectable()
export class JobsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sql: PreparedSql,
  ) {}

  /** Inserts the job with its first event; returns false when the idempotency key already exists. */
  async insertJob(job: NewJob): Promise<boolean> {
    const rows: unknown[] = await this.sql.query(
      `WITH j AS (
         INSERT INTO jobs (id, prompt, reference_track_url, owner, idempotency_key, request_fingerprint,
                           deadline_at, webhook_url, webhook_events)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::float8 / 1000), $8, $9::text[])
         ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING id, webhook_url, webhook_events),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT id, 'job.status', '{"status":"PENDING"}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT job_id FROM ev`,
      [
        job.id,
        job.prompt,
        job.referenceTrackUrl,
        job.owner,
        job.idempotencyKey,
        job.requestFingerprint,
        job.deadlineMs,
        job.webhookUrl ?? null,
        job.webhookEvents ?? null,
      ],
    );
    return rows.length === 1;
  }

  async findByIdempotencyKey(
    owner: string,
    key: string,
  ): Promise<{ id: string; request_fingerprint: string | null } | undefined> {
    const rows: { id: string; request_fingerprint: string | null }[] = await this.db.query(
      `SELECT id, request_fingerprint FROM jobs WHERE owner = $1 AND idempotency_key = $2`,
      [owner, key],
    );
    return rows[0];
  }

  /** One job with its steps, in one query; `owner` limits it to that owner's jobs. */
  async findJob(id: string, owner?: string): Promise<JobRecord | undefined> {
    const rows: JobRecord[] = await this.sql.query(
      `SELECT ${SUMMARY_COLUMNS}, ${STEPS_JSON} AS steps
         FROM jobs j WHERE j.id = $1 AND ($2::text IS NULL OR j.owner = $2)`,
      [id, owner ?? null],
    );
    return rows[0];
  }

  /** One page of jobs, newest first (see `jobListQuery`). */
  async listJobs(filter: JobListFilter): Promise<JobListPage> {
    const { sql, params } = jobListQuery(filter);
    const rows: (JobSummaryRecord & { position: string })[] = await this.db.query(sql, params);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page.at(-1);
    return {
      jobs: page.map(({ position: _position, ...job }) => job),
      next: more && last ? { createdAt: last.position, id: last.id } : null,
    };
  }

  /**
   * Takes a PENDING or PROCESSING job for a run: bumps its attempt (the fence) and returns
   * what the run needs. A job with a cancel request is not claimed.
   */
  async claim(jobId: string): Promise<ClaimOutcome> {
    const rows: (ClaimedJob & { old_status: JobStatus; cancel: boolean })[] = await this.sql.query(
      `WITH prev AS (
         SELECT id, status, cancel_requested_at IS NOT NULL AS cancel,
                NOT cancel_requested_at IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM job_steps s
                   WHERE s.job_id = jobs.id AND s.step = $2 AND s.status = 'SUCCEEDED') AS start_first
           FROM jobs WHERE id = $1 FOR UPDATE),
       j AS (
         UPDATE jobs j SET status = 'PROCESSING', attempt = j.attempt + 1,
                started_at = COALESCE(j.started_at, now()), updated_at = now(),
                current_step = CASE WHEN prev.start_first THEN $2 ELSE j.current_step END
           FROM prev
          WHERE j.id = prev.id AND prev.status IN ('PENDING', 'PROCESSING')
         RETURNING j.id, j.prompt, j.reference_track_url, j.attempt, j.created_at,
                   j.webhook_url, j.webhook_events),
       started AS (
         INSERT INTO job_steps (job_id, step, status, input, started_at)
         SELECT j.id, $2, 'RUNNING', ${FIRST_STEP.inputSql}, now() FROM j, prev WHERE prev.start_first
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'RUNNING', input = EXCLUDED.input, error = NULL,
                started_at = COALESCE(job_steps.started_at, now()), finished_at = NULL
         RETURNING step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, prev, (VALUES
           (1, 'job.status', '{"status":"PROCESSING"}'::jsonb),
           (2, 'step.started', jsonb_build_object('step', $2::text))) AS e(n, type, data)
          WHERE (e.n = 1 AND prev.status = 'PENDING') OR (e.n = 2 AND prev.start_first)
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT j.id, j.prompt, j.reference_track_url, j.attempt, j.created_at,
              prev.status AS old_status, prev.cancel, ${STEPS_JSON} AS steps,
              CASE WHEN prev.start_first THEN $2 END AS started_step
         FROM prev LEFT JOIN j ON true`,
      [jobId, FIRST_STEP.name],
    );
    const row = rows[0];
    if (!row || row.id === null) return { kind: 'not-runnable' };
    if (row.cancel) return { kind: 'cancel-requested', attempt: row.attempt };
    return { kind: 'claimed', job: row };
  }

  /**
   * Checkpoints `finish` (if any) and marks `start` running, in one statement. Returns false
   * when the fence no longer holds (another run took over, or a cancel was requested).
   */
  async advance(fence: Fence, finish: StepFinish | null, start: StepStart): Promise<boolean> {
    const rows: unknown[] = await this.sql.query(
      `WITH j AS (
         UPDATE jobs SET current_step = $3, updated_at = now()
          WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING' AND cancel_requested_at IS NULL
         RETURNING id, webhook_url, webhook_events),
       done AS (
         UPDATE job_steps s SET status = 'SUCCEEDED', output = $5::jsonb, error = NULL,
                attempts = s.attempts + 1, attempt_log = s.attempt_log || $6::jsonb,
                finished_at = now(), duration_ms = ($6::jsonb->0->>'duration_ms')::int
           FROM j WHERE s.job_id = j.id AND s.step = $4
         RETURNING s.step),
       started AS (
         INSERT INTO job_steps (job_id, step, status, input, started_at)
         SELECT j.id, $3, 'RUNNING', $7::jsonb, now() FROM j
         ON CONFLICT (job_id, step) DO UPDATE
            SET status = 'RUNNING', input = EXCLUDED.input, error = NULL,
                started_at = COALESCE(job_steps.started_at, now()), finished_at = NULL
         RETURNING job_id),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           (1, 'step.succeeded', jsonb_build_object('step', $4::text, 'duration_ms', ($6::jsonb->>'duration_ms')::int)),
           (2, 'step.started', jsonb_build_object('step', $3::text))) AS e(n, type, data)
          WHERE e.type = 'step.started' OR $4::text IS NOT NULL
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id FROM j`,
      [
        fence.jobId,
        fence.attempt,
        start.step,
        finish?.step ?? null,
        finish ? JSON.stringify(finish.output) : null,
        finish ? JSON.stringify([finish.attempt]) : '[]',
        JSON.stringify(start.input ?? null),
      ],
    );
    return rows.length === 1;
  }

  /** Checkpoints the last step and ends the job in SUCCESS with its result. */
  async succeed(fence: Fence, finish: StepFinish, result: JobResult): Promise<boolean> {
    const rows: unknown[] = await this.sql.query(
      `WITH j AS (
         UPDATE jobs SET status = 'SUCCESS', result = $5::jsonb, error = NULL, current_step = NULL,
                finished_at = now(), updated_at = now()
          WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
         RETURNING id, webhook_url, webhook_events),
       done AS (
         UPDATE job_steps s SET status = 'SUCCEEDED', output = $4::jsonb, error = NULL,
                attempts = s.attempts + 1, attempt_log = s.attempt_log || $6::jsonb,
                finished_at = now(), duration_ms = ($6::jsonb->0->>'duration_ms')::int
           FROM j WHERE s.job_id = j.id AND s.step = $3
         RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           (1, 'step.succeeded', jsonb_build_object('step', $3::text, 'duration_ms', ($6::jsonb->>'duration_ms')::int)),
           (2, 'job.status', jsonb_build_object('status', 'SUCCESS', 'result', $5::jsonb))) AS e(n, type, data)
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id FROM j`,
      [
        fence.jobId,
        fence.attempt,
        finish.step,
        JSON.stringify(finish.output),
        JSON.stringify(result),
        JSON.stringify([finish.attempt]),
      ],
    );
    return rows.length === 1;
  }

  /** Records a failed attempt that will be retried later; the job stays PROCESSING. */
  async recordRetry(
    fence: Fence,
    step: string,
    attempt: StepAttempt,
    retryInMs: number,
  ): Promise<boolean> {
    const rows: unknown[] = await this.sql.query(
      `WITH j AS (
         UPDATE jobs SET updated_at = now()
          WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
         RETURNING id, webhook_url, webhook_events),
       s AS (
         UPDATE job_steps s SET status = 'RETRYING', error = $4, attempts = s.attempts + 1,
                attempt_log = s.attempt_log || $5::jsonb
           FROM j WHERE s.job_id = j.id AND s.step = $3 RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, 'step.retrying', jsonb_build_object('step', $3::text, 'error', $4::text,
                'attempt', ($5::jsonb->0->>'attempt')::int, 'retry_in_ms', $6::int) FROM j ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id FROM j`,
      [
        fence.jobId,
        fence.attempt,
        step,
        attempt.error ?? null,
        JSON.stringify([attempt]),
        retryInMs,
      ],
    );
    return rows.length === 1;
  }

  /**
   * Records an attempt that was cut short through no fault of the service (worker shutdown):
   * it does not count against the step's retry budget.
   */
  async recordInterrupted(fence: Fence, step: string, attempt: StepAttempt): Promise<void> {
    await this.sql.query(
      `UPDATE job_steps s SET status = 'RETRYING', attempt_log = s.attempt_log || $4::jsonb
         FROM jobs j
        WHERE j.id = $1 AND j.attempt = $2 AND s.job_id = j.id AND s.step = $3`,
      [fence.jobId, fence.attempt, step, JSON.stringify([attempt])],
    );
  }

  /** Ends a running job in FAILURE with the step and the service's message. */
  async fail(
    fence: Fence,
    step: string | null,
    error: JobError,
    attempt: StepAttempt | null,
  ): Promise<boolean> {
    const rows: unknown[] = await this.sql.query(
      `WITH j AS (
         UPDATE jobs SET status = 'FAILURE', error = $4::jsonb, finished_at = now(), updated_at = now()
          WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
         RETURNING id, webhook_url, webhook_events),
       s AS (
         UPDATE job_steps s SET status = 'FAILED', error = $4::jsonb->>'message',
                attempts = s.attempts + CASE WHEN $5::jsonb IS NULL THEN 0 ELSE 1 END,
                attempt_log = s.attempt_log || COALESCE($5::jsonb, '[]'::jsonb),
                finished_at = now(), duration_ms = ($5::jsonb->0->>'duration_ms')::int
           FROM j WHERE s.job_id = j.id AND s.step = $3 RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           (1, 'step.failed', jsonb_build_object('step', $3::text, 'error', $4::jsonb->>'message')),
           (2, 'job.status', jsonb_build_object('status', 'FAILURE', 'error', $4::jsonb))) AS e(n, type, data)
          WHERE e.type = 'job.status' OR $3::text IS NOT NULL
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id FROM j`,
      [
        fence.jobId,
        fence.attempt,
        step,
        JSON.stringify(error),
        attempt ? JSON.stringify([attempt]) : null,
      ],
    );
    return rows.length === 1;
  }

  /**
   * Ends a job whose cancel was requested in CANCELLED; a no-op for any other job. A run
   * still going is stopped by the fence: its next write finds the job terminal. Every step
   * that had not finished (running, waiting out a retry, or reopened) ends CANCELLED with it;
   * `attempt` is logged on `step`, the one whose call the cancel cut short.
   */
  async markCancelled(
    jobId: string,
    step: string | null,
    attempt: StepAttempt | null,
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH j AS (
         UPDATE jobs SET status = 'CANCELLED', finished_at = now(), updated_at = now()
          WHERE id = $1 AND status IN ('PENDING', 'PROCESSING') AND cancel_requested_at IS NOT NULL
         RETURNING id),
       s AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now(),
                attempt_log = s.attempt_log || CASE WHEN s.step = $2 THEN COALESCE($3::jsonb, '[]'::jsonb) ELSE '[]'::jsonb END
           FROM j WHERE s.job_id = j.id
            AND s.status IN ('PENDING', 'RUNNING', 'RETRYING')
         RETURNING s.step),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, 'job.status', '{"status":"CANCELLED"}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT id FROM j`,
      [jobId, step, attempt ? JSON.stringify([attempt]) : null],
    );
    return rows.length === 1;
  }

  /** Flags a cancel request on a job that is not finished; returns its status, or undefined if absent. */
  async requestCancel(
    jobId: string,
    owner?: string,
  ): Promise<{ status: JobStatus; flagged: boolean } | undefined> {
    const rows: { status: JobStatus; flagged: boolean }[] = await this.db.query(
      `WITH cur AS (
         SELECT id, status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
       j AS (
         UPDATE jobs SET cancel_requested_at = COALESCE(jobs.cancel_requested_at, now()), updated_at = now()
           FROM cur WHERE jobs.id = cur.id AND cur.status IN ('PENDING', 'PROCESSING')
         RETURNING jobs.id),
       ev AS (
         INSERT INTO job_events (job_id, type, data) SELECT id, 'cancel.requested', '{}'::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT cur.status, (SELECT count(*) FROM j) > 0 AS flagged FROM cur`,
      [jobId, owner ?? null],
    );
    return rows[0];
  }

  /**
   * Puts a FAILURE or CANCELLED job back to PENDING. Completed steps keep their checkpoints;
   * the step that stopped it gets a fresh retry budget.
   */
  async reopen(
    jobId: string,
    deadlineMs: number,
    owner?: string,
  ): Promise<{ status: JobStatus; reopened: boolean } | undefined> {
    const rows: { status: JobStatus; reopened: boolean }[] = await this.db.query(
      `WITH cur AS (
         SELECT id, status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
       j AS (
         UPDATE jobs SET status = 'PENDING', error = NULL, result = NULL, cancel_requested_at = NULL,
                finished_at = NULL, updated_at = now(),
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
         FROM cur`,
      [jobId, owner ?? null, deadlineMs],
    );
    return rows[0];
  }

  /** Which of these jobs have a cancel request: the worker's check against lost cancel signals. */
  async cancelRequestedAmong(jobIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM jobs WHERE id = ANY($1::uuid[]) AND cancel_requested_at IS NOT NULL`,
      [jobIds],
    );
    return rows.map((r) => r.id);
  }

  /** Unfinished jobs created before `olderThanMs` ago, oldest first: candidates for the reconciler. */
  async findUnfinished(
    olderThanMs: number,
    limit: number,
  ): Promise<{ id: string; created_at: Date }[]> {
    return this.db.query(
      `SELECT id, created_at FROM jobs
        WHERE finished_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    );
  }

  /**
   * Of `jobIds`, the unfinished ones nobody is running: PENDING, or PROCESSING without a
   * write or heartbeat for `leaseMs` (a live run refreshes `updated_at` at least that often).
   */
  async stillUnfinishedAndIdle(jobIds: string[], leaseMs: number): Promise<string[]> {
    if (jobIds.length === 0) return [];
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM jobs
        WHERE id = ANY($1::uuid[]) AND finished_at IS NULL
          AND (status = 'PENDING' OR updated_at < now() - make_interval(secs => $2::float8 / 1000))`,
      [jobIds, leaseMs],
    );
    return rows.map((r) => r.id);
  }

  /** Tells the reconciler that this run is alive while a long step is in flight. */
  async heartbeat(fence: Fence): Promise<void> {
    await this.sql.query(
      `UPDATE jobs SET updated_at = now() WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'`,
      [fence.jobId, fence.attempt],
    );
  }

  /**
   * Fails every unfinished job past its deadline, and in the same statement every step of it
   * that had not finished (running, or waiting out a retry); returns the jobs' ids.
   */
  async failOverdue(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `WITH j AS (
         UPDATE jobs SET status = 'FAILURE', finished_at = now(), updated_at = now(),
                error = jsonb_build_object('step', current_step,
                  'message', 'Job did not finish before its deadline (' || deadline_at || ')')
          WHERE finished_at IS NULL AND deadline_at < now()
         RETURNING id, error),
       s AS (
         UPDATE job_steps s SET status = 'FAILED', error = j.error->>'message', finished_at = now()
           FROM j WHERE s.job_id = j.id AND s.status IN ('PENDING', 'RUNNING', 'RETRYING')
         RETURNING s.job_id, s.step, j.error->>'message' AS message),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT e.job_id, e.type, e.data FROM (
           SELECT s.job_id, 1 AS n, 'step.failed' AS type,
                  jsonb_build_object('step', s.step, 'error', s.message) AS data FROM s
           UNION ALL
           SELECT id, 2, 'job.status', jsonb_build_object('status', 'FAILURE', 'error', error) FROM j
         ) e ORDER BY e.job_id, e.n ${EVENT_RETURNING}),
       ${webhookOutbox()}
       SELECT id FROM j`,
    );
    return rows.map((r) => r.id);
  }
}
