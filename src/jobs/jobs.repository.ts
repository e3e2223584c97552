import { Injectable } from '@nestjs/common';
import { PreparedSql } from '../database/prepared-sql';
import type { JobPriority } from './job-priority';
import { JobStatus } from './job-status';
import type { JobError, JobResult } from './entities/job.entity';
import type { QualityReport } from '../quality/master-quality';
import { JobListFilter, JobListPage, jobListQuery, SUMMARY_COLUMNS } from './job-list.query';
import { STEPS_JSON } from './state/sql-fragments';
import type { StepRecord } from './state/types';

export type { StepRecord };

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
  priority: JobPriority;
  /** Since when the current step waits in its service's line; null when not waiting. */
  queued_at: Date | null;
  /** Where it stands in that line, read from the line itself (Redis) by the service. */
  queue?: QueueStanding | null;
  quality: QualityReport | null;
}

export interface QueueStanding {
  step: string;
  position: number;
  eta_seconds: number;
}

export interface UnfinishedJob {
  id: string;
  created_at: Date;
}

export interface IdleJob {
  id: string;
  waiting_step: string | null;
}

/** A job as the API shows it on its own, steps included. */
export interface JobRecord extends JobSummaryRecord {
  steps: StepRecord[];
}

/**
 * The read side of jobs: look-ups for the API, the worker and the reconciler. Every change
 * of a job's state is a transition in `state/`, never a method here.
 */
@Injectable()
export class JobsRepository {
  constructor(private readonly sql: PreparedSql) {}

  async findByIdempotencyKey(
    owner: string,
    key: string,
  ): Promise<{ id: string; request_fingerprint: string | null } | undefined> {
    const rows = await this.sql.prepared<{ id: string; request_fingerprint: string | null }>(
      `SELECT id, request_fingerprint FROM jobs WHERE owner = $1 AND idempotency_key = $2`,
      [owner, key],
    );
    return rows[0];
  }

  /** One job with its steps, in one query; `owner` limits it to that owner's jobs. */
  async findJob(id: string, owner?: string): Promise<JobRecord | undefined> {
    const rows = await this.sql.prepared<JobRecord>(
      `SELECT ${SUMMARY_COLUMNS}, ${STEPS_JSON} AS steps
         FROM jobs j WHERE j.id = $1 AND ($2::text IS NULL OR j.owner = $2)`,
      [id, owner ?? null],
    );
    return rows[0];
  }

  /** One page of jobs, newest first (see `jobListQuery`). */
  async listJobs(filter: JobListFilter): Promise<JobListPage> {
    const { sql, params } = jobListQuery(filter);
    const rows = await this.sql.planned<JobSummaryRecord & { position: string }>(sql, params);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    const last = page.at(-1);
    return {
      jobs: page.map(({ position: _position, ...job }) => job),
      next: more && last ? { createdAt: last.position, id: last.id } : null,
    };
  }

  /** How many of the owner's jobs finished in the last `seconds`: its recent throughput. */
  async finishedRecently(owner: string, seconds: number): Promise<number> {
    const rows = await this.sql.planned<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs
        WHERE owner = $1 AND finished_at > now() - make_interval(secs => $2::float8)`,
      [owner, seconds],
    );
    return rows[0]?.n ?? 0;
  }

  /** Which of these jobs have a cancel request: the worker's check against lost cancel signals. */
  async cancelRequestedAmong(jobIds: string[]): Promise<string[]> {
    const rows = await this.sql.planned<{ id: string }>(
      `SELECT id FROM jobs WHERE id = ANY($1::uuid[]) AND cancel_requested_at IS NOT NULL`,
      [jobIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * One page of the unfinished jobs created before `olderThanMs` ago, oldest first, after
   * the job `after` (a keyset on created_at and id): candidates for the reconciler.
   */
  async findUnfinished(
    olderThanMs: number,
    limit: number,
    after?: UnfinishedJob,
  ): Promise<UnfinishedJob[]> {
    return this.sql.planned<UnfinishedJob>(
      `SELECT id, created_at FROM jobs
        WHERE finished_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
          AND ($3::timestamptz IS NULL OR (created_at, id) > ($3, $4::uuid))
        ORDER BY created_at, id LIMIT $2`,
      [olderThanMs, limit, after?.created_at ?? null, after?.id ?? null],
    );
  }

  /**
   * Of `jobIds`, the unfinished ones nobody is running: PENDING, or PROCESSING without a
   * write or heartbeat for `leaseMs` (a live run refreshes `updated_at` at least that often).
   * `waiting_step` is the step a job waits for in its service's line, if it does.
   */
  async stillUnfinishedAndIdle(jobIds: string[], leaseMs: number): Promise<IdleJob[]> {
    if (jobIds.length === 0) return [];
    return this.sql.planned<IdleJob>(
      `SELECT id, CASE WHEN queued_at IS NOT NULL THEN current_step END AS waiting_step FROM jobs
        WHERE id = ANY($1::uuid[]) AND finished_at IS NULL
          AND (status = 'PENDING' OR updated_at < now() - make_interval(secs => $2::float8 / 1000))`,
      [jobIds, leaseMs],
    );
  }
}
