import { ViewColumn, ViewEntity } from 'typeorm';

/** Jobs created per hour and status: throughput and failure trend at a glance. */
@ViewEntity({
  name: 'jobs_per_status_hourly',
  expression: `
    SELECT date_trunc('hour', created_at) AS hour, status, count(*)::int AS jobs
      FROM jobs
     GROUP BY 1, 2`,
})
export class JobsPerStatusHourly {
  @ViewColumn() hour!: Date;
  @ViewColumn() status!: string;
  @ViewColumn() jobs!: number;
}

/** Per step over the last day: calls, failure rate and duration percentiles. */
@ViewEntity({
  name: 'step_stats_last_day',
  expression: `
    SELECT s.step,
           count(*)::int AS runs,
           count(*) FILTER (WHERE s.status = 'FAILED')::int AS failed,
           round(count(*) FILTER (WHERE s.status = 'FAILED')::numeric / NULLIF(count(*), 0), 4) AS failure_rate,
           sum(s.attempts)::int AS attempts,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.duration_ms) AS p50_ms,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ms) AS p95_ms,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY s.duration_ms) AS p99_ms
      FROM job_steps s
     WHERE s.started_at > now() - interval '1 day'
     GROUP BY s.step`,
})
export class StepStatsLastDay {
  @ViewColumn() step!: string;
  @ViewColumn() runs!: number;
  @ViewColumn() failed!: number;
  @ViewColumn() failure_rate!: string;
  @ViewColumn() attempts!: number;
  @ViewColumn() p50_ms!: number;
  @ViewColumn() p95_ms!: number;
  @ViewColumn() p99_ms!: number;
}

/** Finished jobs of the last week, slowest first. */
@ViewEntity({
  name: 'slowest_jobs',
  expression: `
    SELECT id, status, prompt, created_at, finished_at,
           extract(epoch FROM finished_at - created_at) * 1000 AS total_ms
      FROM jobs
     WHERE finished_at IS NOT NULL AND created_at > now() - interval '7 days'
     ORDER BY finished_at - created_at DESC
     LIMIT 100`,
})
export class SlowestJobs {
  @ViewColumn() id!: string;
  @ViewColumn() status!: string;
  @ViewColumn() prompt!: string;
  @ViewColumn() created_at!: Date;
  @ViewColumn() finished_at!: Date;
  @ViewColumn() total_ms!: number;
}
