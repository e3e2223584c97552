import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StepOutput } from '../artifacts/job-artifacts';
import { ARTIFACT_FIELDS } from '../pipeline/steps';

/** The steps whose outputs name files (stems, final track). */
const ARTIFACT_STEPS = [...new Set(ARTIFACT_FIELDS.map((field) => field.step.name))];

/** A finished job past retention, with the step checkpoints that name its files. */
export interface ExpiredJob {
  id: string;
  final_track_url: string | null;
  /** The checkpoints of the steps that produce artifacts. */
  steps: StepOutput[];
}

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
        `SELECT j.id, j.created_at::text AS created_at_text,
                j.result->>'final_track_url' AS final_track_url,
                (SELECT COALESCE(json_agg(json_build_object('step', s.step, 'output', s.output)), '[]')
                   FROM job_steps s
                  WHERE s.job_id = j.id AND s.step = ANY($5::text[])) AS steps
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
      const deleted: { id: string }[] = await tx.query(
        `WITH d AS (DELETE FROM jobs WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM d`,
        [removable],
      );
      return { selected: jobs.length, last, deleted: deleted.length };
    });
  }
}
