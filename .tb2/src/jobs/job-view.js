"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.compatibleResult = compatibleResult;
exports.toJobSummary = toJobSummary;
exports.toJobResponse = toJobResponse;
const artifact_urls_1 = require("../artifacts/artifact-urls");
const steps_1 = require("../pipeline/steps");
const job_status_1 = require("./job-status");
const iso = (value) => value === null ? null : new Date(value).toISOString();
function compatibleResult(job, origin, sign) {
    switch (job.status) {
        case job_status_1.JobStatus.Pending:
            return null;
        case job_status_1.JobStatus.Processing:
            return { step: (0, steps_1.stepLabel)(job.current_step) ?? 'Starting' };
        case job_status_1.JobStatus.Success:
            return { final_track_url: sign((0, artifact_urls_1.absoluteUrl)(job.result?.final_track_url ?? '', origin)) };
        case job_status_1.JobStatus.Failure:
            return {
                error: job.error?.message ?? 'Job failed',
                step: (0, steps_1.stepLabel)(job.error?.step ?? null) ?? undefined,
            };
        case job_status_1.JobStatus.Cancelled:
            return { error: 'Job was cancelled', step: (0, steps_1.stepLabel)(job.current_step) ?? undefined };
    }
}
function toJobSummary(job, origin, sign) {
    return {
        job_id: job.id,
        status: job.status,
        result: compatibleResult(job, origin, sign),
        prompt: job.prompt,
        reference_track_url: job.reference_track_url,
        current_step: job.current_step,
        error: job.error,
        runs: job.attempt,
        created_at: iso(job.created_at) ?? '',
        updated_at: iso(job.updated_at) ?? '',
        started_at: iso(job.started_at),
        finished_at: iso(job.finished_at),
        cancel_requested_at: iso(job.cancel_requested_at),
        priority: job.priority,
        queue: job.queue ?? null,
    };
}
function toJobResponse(job, origin, sign) {
    return {
        ...toJobSummary(job, origin, sign),
        steps: job.steps.map((step) => ({
            name: step.step,
            label: (0, steps_1.stepLabel)(step.step) ?? step.step,
            status: step.status,
            attempts: step.attempts,
            started_at: iso(step.started_at),
            finished_at: iso(step.finished_at),
            duration_ms: step.duration_ms,
            error: step.error,
            attempt_log: step.attempt_log,
        })),
    };
}
//# sourceMappingURL=job-view.js.map