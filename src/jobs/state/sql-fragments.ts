/*
 * SQL shared by the transitions. Each transition is one statement of data-modifying CTEs:
 * the jobs row, the step rows, the events and their webhook deliveries land in one
 * implicit transaction and cost one commit.
 */

/** What every `ev` CTE returns, for the webhook outbox. */
export const EVENT_RETURNING = 'RETURNING id, job_id, type, data, created_at';

/** A job's steps as JSON, oldest first; `j` is the jobs row. Read side and claim share it. */
export const STEPS_JSON = `COALESCE((
  SELECT json_agg(json_build_object(
    'step', s.step, 'status', s.status, 'attempts', s.attempts, 'output', s.output,
    'error', s.error, 'attempt_log', s.attempt_log, 'started_at', s.started_at,
    'finished_at', s.finished_at, 'duration_ms', s.duration_ms) ORDER BY s.started_at NULLS LAST)
  FROM job_steps s WHERE s.job_id = j.id), '[]'::json)`;

/** Step statuses that are not final: a job that ends closes them. */
export const UNFINISHED_STEP = `('PENDING', 'QUEUED', 'RUNNING', 'RETRYING')`;

/**
 * The webhook outbox: a CTE that queues one delivery for each event the `ev` CTE just
 * wrote whose job has a webhook wanting that type, in the same statement (so the same
 * transaction) as the event. `jobsSource` is `jobs`, or the CTE that wrote the job in this
 * statement and returned its `webhook_url` and `webhook_events` (a sibling CTE's write is
 * not visible through the table, and reading the CTE costs no second look-up of the row).
 */
export function webhookOutbox(jobsSource = 'jobs'): string {
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

/**
 * SET items for a write of a running job that leaves it running: a cancel that was
 * accepted wins, and the job ends CANCELLED instead.
 */
export const RUNNING_UNLESS_CANCELLED = `status = CASE WHEN cancel_requested_at IS NULL THEN status ELSE 'CANCELLED'::job_status END,
                finished_at = CASE WHEN cancel_requested_at IS NULL THEN NULL ELSE now() END`;

/**
 * SET items for a write that ends a running job in `status`: a cancel that was accepted
 * wins, and the job ends CANCELLED instead.
 */
export function endsUnlessCancelled(status: 'SUCCESS' | 'FAILURE'): string {
  return `status = CASE WHEN cancel_requested_at IS NULL THEN '${status}'::job_status ELSE 'CANCELLED'::job_status END,
                finished_at = now()`;
}

/**
 * A CTE named `closed` that ends CANCELLED every unfinished step of a job `j` that this
 * statement cancelled, except `exceptStep` (the step the statement records itself).
 */
export function closeStepsOfCancelled(exceptStep: string): string {
  return `closed AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now()
           FROM j WHERE j.status = 'CANCELLED' AND s.job_id = j.id
            AND s.step IS DISTINCT FROM ${exceptStep} AND s.status IN ${UNFINISHED_STEP}
         RETURNING s.step)`;
}

/**
 * SET items that end a wait in a service line, if the job was waiting: the time it waited
 * moves its deadline on (the deadline bounds running time, not time in line).
 */
export const END_OF_WAIT = `deadline_at = deadline_at + COALESCE(now() - queued_at, interval '0'),
                queued_at = NULL`;

/**
 * The CTE `j` of a write of a running job: the jobs row updated with `set`, only while this
 * run holds it ($1 the job id, $2 the run's attempt: the fence). Any such write ends a wait
 * in a service line (`END_OF_WAIT`) unless `endsWait` is false. It returns what the rest of
 * the statement reads: the new status and the webhook settings for the outbox.
 */
export function fencedJobUpdate(set: string, endsWait = true): string {
  return `j AS (
         UPDATE jobs SET ${set}, ${endsWait ? `${END_OF_WAIT}, ` : ''}updated_at = now()
          WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
         RETURNING id, status, webhook_url, webhook_events)`;
}

/**
 * The CTE `done` that checkpoints the step a run finished: SUCCEEDED with its output, the
 * attempt logged and counted, and its duration. Arguments are the statement's parameters.
 */
export function checkpointStep(p: {
  step: string;
  output: string;
  attempt: string;
  durationMs: string;
}): string {
  return `done AS (
         UPDATE job_steps s SET status = 'SUCCEEDED', output = ${p.output}::jsonb, error = NULL,
                attempts = s.attempts + 1, attempt_log = s.attempt_log || jsonb_build_array(${p.attempt}::jsonb),
                finished_at = now(), duration_ms = ${p.durationMs}
           FROM j WHERE s.job_id = j.id AND s.step = ${p.step}
         RETURNING s.step)`;
}

/**
 * The end of a statement that ends a run's job: the `ev` CTE with the event of the step it
 * records (when `step`, a parameter, is not null) and then `job.status` with the status the
 * job ended in (`outcome` when no cancel won, carrying `detail` under its key), the webhook
 * outbox, and the jobs row for `settleRunWrite`.
 */
export function endOfRunEvents(p: {
  step: string;
  stepEvent: string;
  stepData: string;
  outcome: 'SUCCESS' | 'FAILURE';
  detail: { key: string; value: string };
}): string {
  return `ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j CROSS JOIN LATERAL (VALUES
           (1, '${p.stepEvent}', ${p.stepData}),
           (2, 'job.status', jsonb_build_object('status', j.status) ||
                 CASE WHEN j.status = '${p.outcome}' THEN jsonb_build_object('${p.detail.key}', ${p.detail.value}) ELSE '{}' END))
             AS e(n, type, data)
          WHERE e.n = 2 OR ${p.step}::text IS NOT NULL
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id, status FROM j`;
}

/**
 * The end of a statement that checkpoints the step a run finished (`$4`, `$8` its
 * duration) and moves on to the next: the `ev` CTE with step.succeeded, then `nextEvent`
 * (with `nextData`) while the job runs on, or job.status CANCELLED when a cancel won; the
 * webhook outbox; and the jobs row for `settleRunWrite`.
 */
export function nextStepEvents(nextEvent: string, nextData: string): string {
  return `ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           (1, 'step.succeeded', jsonb_build_object('step', $4::text, 'duration_ms', $8::int)),
           (2, '${nextEvent}', ${nextData}),
           (3, 'job.status', '{"status":"CANCELLED"}'::jsonb)) AS e(n, type, data)
          WHERE (e.n = 1 AND $4::text IS NOT NULL)
             OR (e.n = 2 AND j.status = 'PROCESSING') OR (e.n = 3 AND j.status = 'CANCELLED')
          ORDER BY e.n ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id, status FROM j`;
}
