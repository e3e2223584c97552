import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobStatus } from '../jobs/job-status';

export interface JobEventRow {
  id: string;
  job_id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
}

/** Reads of `job_events` for live views; writes stay with the state changes in JobsRepository. */
@Injectable()
export class JobEventFeedRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The job's status, if it exists for this owner (undefined owner: any). */
  async findJobStatus(jobId: string, owner?: string): Promise<JobStatus | undefined> {
    const rows: { status: JobStatus }[] = await this.db.query(
      `SELECT status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`,
      [jobId, owner ?? null],
    );
    return rows[0]?.status;
  }

  /**
   * The job's events after `afterId`, oldest first (served by the (job_id, id) index). The
   * order is the column's: a bare `ORDER BY id` would sort the text output (10 before 9).
   */
  async eventsAfter(jobId: string, afterId: string, limit: number): Promise<JobEventRow[]> {
    return this.db.query(
      `SELECT id::text AS id, job_id, type, data, created_at
         FROM job_events WHERE job_id = $1 AND id > $2::bigint ORDER BY job_events.id LIMIT $3`,
      [jobId, afterId, limit],
    );
  }

  /**
   * The events after each job's given id, up to `limit` per job, in one statement: the
   * shared poll of every watched job (one index range read per job).
   */
  async eventsAfterEach(
    afterIds: ReadonlyMap<string, string>,
    limit: number,
  ): Promise<JobEventRow[]> {
    return this.db.query(
      `SELECT e.id::text AS id, e.job_id, e.type, e.data, e.created_at
         FROM unnest($1::uuid[], $2::bigint[]) AS w(job_id, after_id)
         CROSS JOIN LATERAL (
           SELECT id, job_id, type, data, created_at FROM job_events
            WHERE job_id = w.job_id AND id > w.after_id ORDER BY id LIMIT $3) e
        ORDER BY e.job_id, e.id`,
      [[...afterIds.keys()], [...afterIds.values()], limit],
    );
  }
}
