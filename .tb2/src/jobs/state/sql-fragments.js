"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.END_OF_WAIT = exports.RUNNING_UNLESS_CANCELLED = exports.UNFINISHED_STEP = exports.STEPS_JSON = exports.EVENT_RETURNING = void 0;
exports.webhookOutbox = webhookOutbox;
exports.endsUnlessCancelled = endsUnlessCancelled;
exports.closeStepsOfCancelled = closeStepsOfCancelled;
exports.fencedJobUpdate = fencedJobUpdate;
exports.checkpointStep = checkpointStep;
exports.endOfRunEvents = endOfRunEvents;
exports.nextStepEvents = nextStepEvents;
exports.EVENT_RETURNING = 'RETURNING id, job_id, type, data, created_at';
exports.STEPS_JSON = `COALESCE((
  SELECT json_agg(json_build_object(
    'step', s.step, 'status', s.status, 'attempts', s.attempts, 'output', s.output,
    'error', s.error, 'attempt_log', s.attempt_log, 'started_at', s.started_at,
    'finished_at', s.finished_at, 'duration_ms', s.duration_ms) ORDER BY s.started_at NULLS LAST)
  FROM job_steps s WHERE s.job_id = j.id), '[]'::json)`;
exports.UNFINISHED_STEP = `('PENDING', 'QUEUED', 'RUNNING', 'RETRYING')`;
function webhookOutbox(jobsSource = 'jobs') {
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
exports.RUNNING_UNLESS_CANCELLED = `status = CASE WHEN cancel_requested_at IS NULL THEN status ELSE 'CANCELLED'::job_status END,
                finished_at = CASE WHEN cancel_requested_at IS NULL THEN NULL ELSE now() END`;
function endsUnlessCancelled(status) {
    return `status = CASE WHEN cancel_requested_at IS NULL THEN '${status}'::job_status ELSE 'CANCELLED'::job_status END,
                finished_at = now()`;
}
function closeStepsOfCancelled(exceptStep) {
    return `closed AS (
         UPDATE job_steps s SET status = 'CANCELLED', finished_at = now()
           FROM j WHERE j.status = 'CANCELLED' AND s.job_id = j.id
            AND s.step IS DISTINCT FROM ${exceptStep} AND s.status IN ${exports.UNFINISHED_STEP}
         RETURNING s.step)`;
}
exports.END_OF_WAIT = `deadline_at = deadline_at + COALESCE(now() - queued_at, interval '0'),
                queued_at = NULL`;
function fencedJobUpdate(set, endsWait = true) {
    return `j AS (
         UPDATE jobs SET ${set}, ${endsWait ? `${exports.END_OF_WAIT}, ` : ''}updated_at = now()
          WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'
         RETURNING id, status, webhook_url, webhook_events)`;
}
function checkpointStep(p) {
    return `done AS (
         UPDATE job_steps s SET status = 'SUCCEEDED', output = ${p.output}::jsonb, error = NULL,
                attempts = s.attempts + 1, attempt_log = s.attempt_log || jsonb_build_array(${p.attempt}::jsonb),
                finished_at = now(), duration_ms = ${p.durationMs}
           FROM j WHERE s.job_id = j.id AND s.step = ${p.step}
         RETURNING s.step)`;
}
function endOfRunEvents(p) {
    return `ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j CROSS JOIN LATERAL (VALUES
           (1, '${p.stepEvent}', ${p.stepData}),
           (2, 'job.status', jsonb_build_object('status', j.status) ||
                 CASE WHEN j.status = '${p.outcome}' THEN jsonb_build_object('${p.detail.key}', ${p.detail.value}) ELSE '{}' END))
             AS e(n, type, data)
          WHERE e.n = 2 OR ${p.step}::text IS NOT NULL
          ORDER BY e.n ${exports.EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id, status FROM j`;
}
function nextStepEvents(nextEvent, nextData) {
    return `ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, e.type, e.data FROM j, (VALUES
           (1, 'step.succeeded', jsonb_build_object('step', $4::text, 'duration_ms', $8::int)),
           (2, '${nextEvent}', ${nextData}),
           (3, 'job.status', '{"status":"CANCELLED"}'::jsonb)) AS e(n, type, data)
          WHERE (e.n = 1 AND $4::text IS NOT NULL)
             OR (e.n = 2 AND j.status = 'PROCESSING') OR (e.n = 3 AND j.status = 'CANCELLED')
          ORDER BY e.n ${exports.EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id, status FROM j`;
}
//# sourceMappingURL=sql-fragments.js.map