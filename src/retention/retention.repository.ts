import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobStatus, TERMINAL_STATUSES } from '../jobs/job-status';
import { ARTIFACT_FIELDS } from '../pipeline/steps';
import type { JobWithFiles } from './job-file-remover';

/** The steps whose outputs name files (stems, final track). */
const ARTIFACT_STEPS = [...new Set(ARTIFACT_FIELDS.map((field) => field.step.name))];

/** A finished job past retention, with the step checkpoints that name its files. */
export type ExpiredJob = JobWithFiles;

/**
 * The columns of a job (alias `j`) that make a `JobWithFiles`; `steps` names the parameter
 * that holds ARTIFACT_STEPS.
 */
function jobWithFilesColumns(steps: string): string {
  return `j.id, j.result->>'final_track_url' AS final_track_url,
          (SELECT COALESCE(json_agg(json_build_object('step', s.step, 'output', s.output)), '[]')
             FROM job_steps s
            WHERE s.job_id = j.id AND s.step = ANY(${steps}::text[])) AS steps`;
}

/** Deletes jobs (their steps, events and webhook deliveries go with them: ON DELETE CASCADE). */
async function deleteJobs(tx: EntityManager, ids: string[]): Promise<number> {
  const deleted: { id: string }[] = await tx.query(
    `WITH d AS (DELETE FROM jobs WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM d`,
    [ids],
  );
  return deleted.length;
}

/** What became of a request to delete one job. */
export type JobDeletionOutcome =
  | { kind: 'deleted'; files: number }
  | { kind: 'not-found' }
  /** PENDING or PROCESSING: nothing was touched. */
  | { kind: 'unfinished'; status: JobStatus }
  /** A file could not be deleted: the job and its rows are kept. */
  | { kind: 'files-kept' };

/** Where a sweep stands: the (created_at, id) of the last job a batch selected. */
export interface RetentionCursor {
  /** PostgreSQL's own text of the timestamp: a JS Date would drop its microseconds. */
  createdAt: string;
  id: string;
}

export interface ExpiredBatch {
  /** Jobs taken in this batch. */
  selected: number;
  /** Pass to the next batch to go on after this one; undefined when none was selected. */
  last: RetentionCursor | undefined;
  /** Of those, the ones deleted (steps, events and webhook deliveries go with them). */
  deleted: number;
}

/** Finds and deletes jobs whose retention has run out. */
@Injectable()
export class RetentionRepository {
  /**
   * One short transaction on `manager`'s connection: locks up to `limit` jobs that finished
   * more than `days` days ago, lets `removeFiles` delete their artifacts, then deletes the
   * jobs whose ids it returns. The rows stay locked while their files go, so a concurrent
   * retry waits and then finds no job, and a crash leaves rows (swept again) rather than
   * files nobody can find. Rows locked by others are skipped, never waited for.
   * With `after`, only jobs past that (created_at, id) are taken: jobs whose files could not
   * be removed stay, and must not be picked again by every later batch of the same sweep.
   */
  async deleteExpiredBatch(
    manager: EntityManager,
    days: number,
    limit: number,
    after: RetentionCursor | undefined,
    removeFiles: (jobs: ExpiredJob[]) => Promise<string[]>,
  ): Promise<ExpiredBatch> {
    return manager.transaction(async (tx) => {
      // created_at < cutoff follows from finished_at < cutoff; stating it lets the planner use
      // the created_at indexes (jobs_created_idx, jobs_status_created_idx) instead of scanning
      // the table: finished_at has no index, and needs none for this. (created_at, id) is
      // jobs_created_idx, so resuming after the cursor is an index range, not a rescan.
      const rows: (ExpiredJob & { created_at_text: string })[] = await tx.query(
        `SELECT ${jobWithFilesColumns('$5')}, j.created_at::text AS created_at_text
           FROM jobs j
          WHERE j.status IN ('SUCCESS', 'FAILURE', 'CANCELLED')
            AND j.created_at < now() - make_interval(days => $1)
            AND j.finished_at < now() - make_interval(days => $1)
            AND ($3::timestamptz IS NULL OR (j.created_at, j.id) > ($3::timestamptz, $4::uuid))
          ORDER BY j.created_at, j.id
          LIMIT $2
            FOR UPDATE OF j SKIP LOCKED`,
        [days, limit, after?.createdAt ?? null, after?.id ?? null, ARTIFACT_STEPS],
      );
      if (rows.length === 0) return { selected: 0, last: undefined, deleted: 0 };
      const lastRow = rows[rows.length - 1];
      const last = { createdAt: lastRow.created_at_text, id: lastRow.id };
      const jobs = rows.map(({ created_at_text: _cursor, ...job }) => job);
      const removable = await removeFiles(jobs);
      if (removable.length === 0) return { selected: jobs.length, last, deleted: 0 };
      return { selected: jobs.length, last, deleted: await deleteJobs(tx, removable) };
    });
  }

  /**
   * Deletes one finished job of `owner` (any owner's when undefined), its rows and, through
   * `removeFiles`, its files, in one transaction that holds the job's row lock throughout.
   * A retry (reopen) or any transition of the same job waits for it and then finds no job;
   * a delete that comes second finds the job reopened (unfinished) and touches nothing.
   */
  async deleteFinishedJob(
    manager: EntityManager,
    jobId: string,
    owner: string | undefined,
    removeFiles: (jobs: JobWithFiles[]) => Promise<{ removable: string[]; files: number }>,
  ): Promise<JobDeletionOutcome> {
    return manager.transaction(async (tx) => {
      const rows: (JobWithFiles & { status: JobStatus })[] = await tx.query(
        `SELECT ${jobWithFilesColumns('$3')}, j.status
           FROM jobs j
          WHERE j.id = $1 AND ($2::text IS NULL OR j.owner = $2)
            FOR UPDATE OF j`,
        [jobId, owner ?? null, ARTIFACT_STEPS],
      );
      const [row] = rows;
      if (row === undefined) return { kind: 'not-found' };
      const { status, ...job } = row;
      if (!TERMINAL_STATUSES.includes(status)) return { kind: 'unfinished', status };
      const removed = await removeFiles([job]);
      if (removed.removable.length === 0) return { kind: 'files-kept' };
      await deleteJobs(tx, removed.removable);
      return { kind: 'deleted', files: removed.files };
    });
  }
}
