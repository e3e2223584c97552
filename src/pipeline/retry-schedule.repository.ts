import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * When a job waiting out a retry backoff is due again. Bull's delayed set is the schedule
 * while Redis has it; after Redis lost it, the `step.retrying` event that started the
 * backoff still says when the retry is due.
 */
@Injectable()
export class RetrySchedule {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Of `jobIds`, the ones whose step is still in a backoff, with the milliseconds it has left. */
  async remainingBackoffMs(jobIds: string[]): Promise<Map<string, number>> {
    if (jobIds.length === 0) return new Map();
    const rows: { id: string; remaining_ms: number }[] = await this.db.query(
      `SELECT j.id, ceil(extract(epoch FROM r.due_at - now()) * 1000)::int AS remaining_ms
         FROM jobs j
         JOIN job_steps s ON s.job_id = j.id AND s.status = 'RETRYING'
         CROSS JOIN LATERAL (
           SELECT e.created_at + make_interval(secs => (e.data->>'retry_in_ms')::float8 / 1000) AS due_at
             FROM job_events e
            WHERE e.job_id = j.id AND e.type = 'step.retrying' AND e.data->>'step' = s.step
            ORDER BY e.id DESC LIMIT 1) r
        WHERE j.id = ANY($1::uuid[]) AND j.status = 'PROCESSING' AND r.due_at > now()`,
      [jobIds],
    );
    return new Map(rows.map((r) => [r.id, r.remaining_ms]));
  }
}
