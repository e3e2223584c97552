import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A finished job past retention, with the step checkpoints that name its files. */
export interface ExpiredJob {
  id: string;
  final_track_url: string | null;
  generate_sound_output: unknown;
  mix_master_output: unknown;
}

export interface ExpiredBatch {
  /** Jobs taken in this batch. */
  selected: number;
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
   */
  async deleteExpiredBatch(
    manager: EntityManager,
    days: number,
    limit: number,
    removeFiles: (jobs: ExpiredJob[]) => Promise<string[]>,
  ): Promise<ExpiredBatch> {
    return manager.transaction(async (tx) => {
      // created_at < cutoff follows from finished_at < cutoff; stating it lets the planner use
      // the created_at indexes (jobs_created_idx, jobs_status_created_idx) instead of scanning
      // the table: finished_at has no index, and needs none for this.
      const jobs: ExpiredJob[] = await tx.query(
        `SELECT j.id, j.result->>'final_track_url' AS final_track_url,
                (SELECT s.output FROM job_steps s
                  WHERE s.job_id = j.id AND s.step = 'generate_sound') AS generate_sound_output,
                (SELECT s.output FROM job_steps s
                  WHERE s.job_id = j.id AND s.step = 'mix_master') AS mix_master_output
           FROM jobs j
          WHERE j.status IN ('SUCCESS', 'FAILURE', 'CANCELLED')
            AND j.created_at < now() - make_interval(days => $1)
            AND j.finished_at < now() - make_interval(days => $1)
          ORDER BY j.created_at
          LIMIT $2
            FOR UPDATE OF j SKIP LOCKED`,
        [days, limit],
      );
      if (jobs.length === 0) return { selected: 0, deleted: 0 };
      const removable = await removeFiles(jobs);
      if (removable.length === 0) return { selected: jobs.length, deleted: 0 };
      const deleted: { id: string }[] = await tx.query(
        `WITH d AS (DELETE FROM jobs WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM d`,
        [removable],
      );
      return { selected: jobs.length, deleted: deleted.length };
    });
  }
}
