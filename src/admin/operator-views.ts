import { ViewColumn, ViewEntity } from 'typeorm';
import { STEP_LIST } from '../pipeline/steps';

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

/** `CASE` from a step's name to its service's, as the metrics label it. */
const SERVICE_OF_STEP = `CASE w.step ${STEP_LIST.flatMap((step) =>
  step.service ? [`WHEN '${step.name}' THEN '${step.service.name}'`] : [],
).join(' ')} END`;

/**
 * The steps waiting in each service's line for a slot, in the order slots go to them:
 * owners take turns (the owner waiting longest first), and an owner's own steps go by
 * priority, then by when they joined the line. Redis holds the live line; this is
 * PostgreSQL's record of it.
 */
@ViewEntity({
  name: 'service_line',
  expression: `
    WITH w AS (
      SELECT j.id AS job_id, j.owner, j.priority, j.queued_at, j.current_step AS step,
             row_number() OVER (PARTITION BY j.current_step, j.owner
                                ORDER BY j.priority, j.queued_at, j.id) AS turn,
             min(j.queued_at) OVER (PARTITION BY j.current_step, j.owner) AS owner_since
        FROM jobs j
       WHERE j.queued_at IS NOT NULL AND j.status = 'PROCESSING')
    SELECT ${SERVICE_OF_STEP} AS service, w.step, w.job_id, w.owner, w.priority, w.queued_at,
           row_number() OVER (PARTITION BY w.step ORDER BY w.turn, w.owner_since, w.owner)::int AS position
      FROM w`,
})
export class ServiceLine {
  @ViewColumn() service!: string;
  @ViewColumn() step!: string;
  @ViewColumn() job_id!: string;
  @ViewColumn() owner!: string;
  @ViewColumn() priority!: string;
  @ViewColumn() queued_at!: Date;
  @ViewColumn() position!: number;
}
