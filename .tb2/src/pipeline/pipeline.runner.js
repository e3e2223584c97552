"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var PipelineRunner_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.PipelineRunner = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const artifact_urls_1 = require("../artifacts/artifact-urls");
const service_errors_1 = require("../clients/service-errors");
const job_status_1 = require("../jobs/job-status");
const job_transitions_1 = require("../jobs/state/job-transitions");
const metrics_1 = require("../observability/metrics");
const infrastructure_outage_1 = require("./infrastructure-outage");
const pipeline_constants_1 = require("./pipeline.constants");
const retry_policy_1 = require("./retry-policy");
const steps_1 = require("./steps");
const step_executor_1 = require("./step-executor");
const service_capacity_1 = require("./capacity/service-capacity");
const REFUSED_RETRY_MS = 1_000;
const NEWER_STEP_LIST_RETRY_MS = 5_000;
let PipelineRunner = PipelineRunner_1 = class PipelineRunner {
    jobs;
    executor;
    artifacts;
    config;
    metrics;
    capacity;
    logger = new common_1.Logger(PipelineRunner_1.name);
    constructor(jobs, executor, artifacts, config, metrics, capacity) {
        this.jobs = jobs;
        this.executor = executor;
        this.artifacts = artifacts;
        this.config = config;
        this.metrics = metrics;
        this.capacity = capacity;
    }
    async run(jobId, signal, shutdown) {
        if (shutdown.aborted)
            throw this.handBack(jobId);
        let claim;
        try {
            claim = await this.jobs.claim(jobId);
        }
        catch (error) {
            this.logRunError(jobId, null, error);
            throw error;
        }
        if (claim.kind === 'not-runnable')
            return;
        if (claim.kind === 'cancelled') {
            this.logger.log({ job_id: jobId, msg: 'Job cancelled' });
            return;
        }
        if (claim.kind === 'newer-step-list') {
            this.logger.log({ job_id: jobId, msg: 'Job left to a worker of a newer step list' });
            throw new retry_policy_1.RetryLaterError(NEWER_STEP_LIST_RETRY_MS, 'job made under a newer step list');
        }
        const job = claim.job;
        const fence = { jobId, attempt: job.attempt };
        const progress = { step: job.started_step };
        try {
            await this.runSteps(job, fence, signal, shutdown, progress);
        }
        catch (error) {
            await this.onRunError(fence, progress.step, error);
        }
    }
    async runSteps(job, fence, signal, shutdown, progress) {
        const jobId = fence.jobId;
        this.logger.log({ job_id: jobId, run: job.attempt, msg: 'Job running' });
        const outputs = checkpoints(job);
        const remaining = (0, steps_1.stepsFor)(job).filter((step) => outputs[step.name] === undefined);
        let finished = null;
        for (const step of remaining) {
            const input = step.input(job, outputs);
            let startedByClaim = finished === null && job.started_step === step.name;
            let slot;
            if (!shutdown.aborted && this.capacity.hasLine(step)) {
                const wait = await this.waitForSlot(job, fence, step, input, finished);
                if (wait === 'run ended')
                    return;
                if (wait === 'after waiting') {
                    finished = null;
                    startedByClaim = false;
                }
                slot = new Slot(this.capacity, step, jobId, this.logger);
            }
            try {
                if (!startedByClaim) {
                    const write = await this.jobs.advance(fence, finished, { step: step.name, input });
                    if (write !== 'written')
                        return this.stopped(jobId, write);
                }
                progress.step = step.name;
                if (finished)
                    this.logStepSucceeded(jobId, finished);
                if (shutdown.aborted)
                    throw this.handBack(jobId);
                const attemptNo = (job.steps.find((s) => s.step === step.name)?.attempts ?? 0) + 1;
                this.logger.log({
                    job_id: jobId,
                    step: step.name,
                    attempt: attemptNo,
                    msg: 'Step started',
                });
                const startedAt = new Date();
                try {
                    const output = await this.heartbeating(fence, () => this.callWithin(step, () => this.executor.execute(step, input, {
                        signal,
                        timeoutMs: this.config.stepPolicies[step.name].timeoutMs,
                        idempotencyKey: `${jobId}:${step.name}`,
                    })));
                    await slot?.release('ok', Date.now() - startedAt.getTime());
                    outputs[step.name] = output;
                    finished = {
                        step: step.name,
                        output,
                        attempt: attemptRecord(attemptNo, startedAt, 'succeeded'),
                    };
                    this.metrics.stepAttempt(step.name, 'succeeded', finished.attempt.duration_ms);
                }
                catch (error) {
                    const refused = await slot?.releaseAfter(error, Date.now() - startedAt.getTime());
                    if (refused)
                        return await this.onRefused(fence, step, attemptNo, startedAt, refused);
                    await this.onStepError(fence, step, attemptNo, startedAt, error, shutdown);
                    return;
                }
            }
            finally {
                await slot?.release('other', 0);
            }
        }
        const finalTrack = (0, steps_1.finalTrackLocation)(outputs);
        const url = finalTrack ? this.artifacts.downloadUrlFor(finalTrack) : '';
        const write = await this.jobs.succeed(fence, finished, { final_track_url: url });
        if (write !== 'written')
            return this.stopped(jobId, write);
        if (finished)
            this.logStepSucceeded(jobId, finished);
        this.logger.log({ job_id: jobId, final_track_url: url, msg: 'Job succeeded' });
    }
    async waitForSlot(job, fence, step, input, finished) {
        const jobId = fence.jobId;
        const ticket = await this.capacity.acquire(step, jobId, job.owner, job.priority);
        if (ticket.kind === 'granted')
            return 'granted';
        const write = await this.jobs.queueStep(fence, finished, { step: step.name, input }, ticket.position);
        if (write !== 'written') {
            await this.capacity.leave(jobId);
            this.stopped(jobId, write);
            return 'run ended';
        }
        if (finished)
            this.logStepSucceeded(jobId, finished);
        this.logger.log({
            job_id: jobId,
            step: step.name,
            position: ticket.position,
            eta_seconds: ticket.etaSeconds,
            msg: 'Step waits in line for its service',
        });
        const parked = await this.capacity.park(step, jobId);
        if (parked === 'granted')
            return 'after waiting';
        if (parked === 'lost')
            throw new retry_policy_1.RetryLaterError(0, 'the service line lost its place');
        return 'run ended';
    }
    callWithin(step, call) {
        const slots = this.capacity.localSlots(step);
        return slots ? slots.run(call) : call();
    }
    logStepSucceeded(jobId, finished) {
        this.logger.log({
            job_id: jobId,
            step: finished.step,
            duration_ms: finished.attempt.duration_ms,
            msg: 'Step succeeded',
        });
    }
    async heartbeating(fence, call) {
        const timer = setInterval(() => {
            this.jobs
                .heartbeat(fence)
                .catch((error) => this.logger.warn({ job_id: fence.jobId, msg: 'Heartbeat failed', err: String(error) }));
        }, this.config.lockDurationMs / 3);
        try {
            return await call();
        }
        finally {
            clearInterval(timer);
        }
    }
    async onRefused(fence, step, attemptNo, startedAt, refusal) {
        const record = attemptRecord(attemptNo, startedAt, 'refused', refusal.error);
        this.metrics.stepAttempt(step.name, 'refused', record.duration_ms);
        this.logger.log({
            job_id: fence.jobId,
            step: step.name,
            retry_in_ms: refusal.retryInMs,
            msg: `${refusal.error.message}; back in line, the attempt not counted`,
        });
        if (await this.jobs.recordInterrupted(fence, step.name, record))
            throw new retry_policy_1.RetryLaterError(refusal.retryInMs, refusal.error.message);
    }
    async onStepError(fence, step, attemptNo, startedAt, error, shutdown) {
        if (error instanceof service_errors_1.TransientServiceError && shutdown.aborted) {
            await this.jobs.recordInterrupted(fence, step.name, attemptRecord(attemptNo, startedAt, 'interrupted', error));
            throw this.handBack(fence.jobId, error.retryAfterMs);
        }
        if (error instanceof service_errors_1.CallAbortedError) {
            if (error.reason === 'cancelled') {
                const record = attemptRecord(attemptNo, startedAt, 'cancelled');
                this.metrics.stepAttempt(step.name, 'cancelled', record.duration_ms);
                if (await this.jobs.markCancelled(fence.jobId, step.name, record))
                    this.logger.log({ job_id: fence.jobId, msg: 'Job cancelled' });
                return;
            }
            await this.jobs.recordInterrupted(fence, step.name, attemptRecord(attemptNo, startedAt, 'interrupted'));
            throw this.handBack(fence.jobId);
        }
        if (!(error instanceof service_errors_1.ServiceError))
            throw error;
        const policy = this.config.stepPolicies[step.name];
        const record = attemptRecord(attemptNo, startedAt, 'retrying', error);
        const retrying = error instanceof service_errors_1.TransientServiceError && attemptNo < policy.attempts;
        this.metrics.stepAttempt(step.name, retrying ? 'retrying' : 'failed', record.duration_ms);
        if (retrying) {
            const delay = (0, retry_policy_1.retryDelayMs)(policy, attemptNo, error.retryAfterMs);
            this.logger.warn({
                job_id: fence.jobId,
                step: step.name,
                attempt: attemptNo,
                retry_in_ms: delay,
                msg: error.message,
                ...bodyOf(error),
            });
            const write = await this.jobs.recordRetry(fence, step.name, record, delay);
            if (write === 'written')
                throw new retry_policy_1.RetryLaterError(delay, error.message);
            return this.stopped(fence.jobId, write);
        }
        const message = error instanceof service_errors_1.TransientServiceError
            ? `${error.message} (gave up after ${attemptNo} attempts)`
            : error.message;
        this.logger.warn({
            job_id: fence.jobId,
            step: step.name,
            msg: `Job failed: ${message}`,
            ...bodyOf(error),
        });
        const jobError = {
            step: step.name,
            message,
            service: error.service,
            ...(error.statusCode ? { status_code: error.statusCode } : {}),
        };
        const write = await this.jobs.fail(fence, step.name, jobError, {
            ...record,
            outcome: 'failed',
        });
        if (write !== 'written')
            this.stopped(fence.jobId, write);
    }
    async onRunError(fence, step, error) {
        if (error instanceof retry_policy_1.RetryLaterError)
            throw error;
        const jobId = fence.jobId;
        if (this.logRunError(jobId, step, error) === 'outage')
            throw error;
        const runs = await this.jobs.recordUnexpectedError(fence);
        if (runs === 'fenced')
            return this.stopped(jobId, runs);
        if (runs < pipeline_constants_1.UNEXPECTED_ERROR_RUNS) {
            const delay = pipeline_constants_1.UNEXPECTED_ERROR_RETRY_MS * 2 ** (runs - 1);
            this.logger.warn({
                job_id: jobId,
                step,
                unexpected_errors: runs,
                retry_in_ms: delay,
                msg: `Job runs again after an unexpected error (${runs} of ${pipeline_constants_1.UNEXPECTED_ERROR_RUNS})`,
            });
            throw new retry_policy_1.RetryLaterError(delay, 'unexpected error');
        }
        const message = `an unexpected internal error ended ${runs} runs of this job, so it was given up (the server log has the details under its job_id)`;
        this.logger.warn({ job_id: jobId, step, msg: `Job failed: ${message}` });
        const write = await this.jobs.fail(fence, step, { step, message }, null);
        if (write !== 'written')
            this.stopped(jobId, write);
    }
    logRunError(jobId, step, error) {
        if ((0, infrastructure_outage_1.isInfrastructureOutage)(error)) {
            this.logger.warn({
                job_id: jobId,
                step,
                err: describeError(error),
                msg: 'Run stopped: PostgreSQL or Redis is out of reach; the job resumes when it is back',
            });
            return 'outage';
        }
        this.logger.error({
            job_id: jobId,
            step,
            err: describeError(error),
            stack: error instanceof Error ? error.stack : undefined,
            msg: 'Unexpected error in the run of a job',
        });
        return 'unexpected';
    }
    handBack(jobId, delayMs = 0) {
        this.logger.log({ job_id: jobId, msg: 'Job handed back: worker shutting down' });
        return new retry_policy_1.RetryLaterError(delayMs, 'worker shutting down');
    }
    stopped(jobId, write) {
        if (write === 'cancelled')
            this.logger.log({ job_id: jobId, msg: 'Job cancelled' });
        else
            this.logger.log({ job_id: jobId, msg: 'Run stopped: the job is no longer held by it' });
    }
};
exports.PipelineRunner = PipelineRunner;
exports.PipelineRunner = PipelineRunner = PipelineRunner_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_transitions_1.JobTransitions,
        step_executor_1.StepExecutor,
        artifact_urls_1.ArtifactUrls,
        app_config_1.AppConfig,
        metrics_1.Metrics,
        service_capacity_1.ServiceCapacity])
], PipelineRunner);
class Slot {
    capacity;
    step;
    jobId;
    logger;
    released = false;
    constructor(capacity, step, jobId, logger) {
        this.capacity = capacity;
        this.step = step;
        this.jobId = jobId;
        this.logger = logger;
    }
    async releaseAfter(error, latencyMs) {
        const full = error instanceof service_errors_1.TransientServiceError &&
            (error.statusCode === 429 || error.statusCode === 503);
        if (!full) {
            await this.release('other', latencyMs);
            return undefined;
        }
        const others = await this.release('rejected', latencyMs, error.retryAfterMs);
        if (others === 0)
            return undefined;
        return { error, retryInMs: error.retryAfterMs ?? REFUSED_RETRY_MS };
    }
    async release(outcome, latencyMs, retryAfterMs) {
        if (this.released)
            return 0;
        this.released = true;
        try {
            return await this.capacity.release(this.step, this.jobId, outcome, latencyMs, retryAfterMs);
        }
        catch (error) {
            this.logger.warn({
                job_id: this.jobId,
                step: this.step.name,
                msg: 'Service slot not released; it expires by itself',
                err: String(error),
            });
            return 0;
        }
    }
}
function describeError(error) {
    if (!(error instanceof Error))
        return String(error);
    const code = error.code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}
function checkpoints(job) {
    const outputs = {};
    for (const step of job.steps) {
        if (step.status === job_status_1.StepStatus.Succeeded)
            outputs[step.step] = step.output;
    }
    return outputs;
}
function bodyOf(error) {
    return error.body ? { body: error.body } : {};
}
function attemptRecord(attempt, startedAt, outcome, error) {
    const finishedAt = new Date();
    const record = {
        attempt,
        started_at: startedAt.toISOString(),
        finished_at: finishedAt.toISOString(),
        duration_ms: finishedAt.getTime() - startedAt.getTime(),
        outcome,
    };
    if (error instanceof Error)
        record.error = error.message;
    if (error instanceof service_errors_1.ServiceError && error.statusCode)
        record.status_code = error.statusCode;
    return record;
}
//# sourceMappingURL=pipeline.runner.js.map