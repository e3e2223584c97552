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
var JobsService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobsService = exports.ANONYMOUS_OWNER = void 0;
const common_1 = require("@nestjs/common");
const job_id_1 = require("./job-id");
const node_crypto_1 = require("node:crypto");
const create_rate_limiter_1 = require("../auth/create-rate-limiter");
const steps_1 = require("../pipeline/steps");
const principal_1 = require("../auth/principal");
const app_config_1 = require("../config/app-config");
const metrics_1 = require("../observability/metrics");
const job_cancellation_service_1 = require("../cancellation/job-cancellation.service");
const job_deletion_service_1 = require("../retention/job-deletion.service");
const pipeline_producer_1 = require("../pipeline/pipeline.producer");
const outbound_url_guard_1 = require("../outbound/outbound-url-guard");
const webhook_credentials_1 = require("../webhooks/webhook-credentials");
const jobs_errors_1 = require("./jobs.errors");
const job_priority_1 = require("./job-priority");
const service_capacity_1 = require("../pipeline/capacity/service-capacity");
const job_events_notifier_1 = require("./job-events.notifier");
const job_status_1 = require("./job-status");
const job_list_cursor_1 = require("./job-list-cursor");
const jobs_repository_1 = require("./jobs.repository");
const job_transitions_1 = require("./state/job-transitions");
const list_jobs_dto_1 = require("./dto/list-jobs.dto");
exports.ANONYMOUS_OWNER = principal_1.LOCAL_PRINCIPAL.name;
const NO_CREDENTIALS_KEY_MESSAGE = 'webhook_url carries a password, and this server has no WEBHOOK_CREDENTIALS_KEY to store it encrypted; send a URL without one, or ask the operator to set the key';
const NO_WEBHOOK_SECRET_MESSAGE = 'webhook_url cannot be used: this server has no WEBHOOK_SECRET configured, so no receiver could verify its deliveries';
const RETRYABLE_STATUSES = [job_status_1.JobStatus.Failure, job_status_1.JobStatus.Cancelled];
const DELETE_CONFLICT = 'finished jobs (SUCCESS, FAILURE or CANCELLED) can be deleted; cancel it first, or wait for it to end';
function retryConflict(status) {
    return new jobs_errors_1.JobStateConflictError(status, 'FAILURE or CANCELLED jobs can be retried');
}
let JobsService = JobsService_1 = class JobsService {
    jobs;
    transitions;
    producer;
    cancellation;
    config;
    notifier;
    metrics;
    rateLimiter;
    outboundUrls;
    deletion;
    capacity;
    logger = new common_1.Logger(JobsService_1.name);
    constructor(jobs, transitions, producer, cancellation, config, notifier, metrics, rateLimiter, outboundUrls, deletion, capacity) {
        this.jobs = jobs;
        this.transitions = transitions;
        this.producer = producer;
        this.cancellation = cancellation;
        this.config = config;
        this.notifier = notifier;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.outboundUrls = outboundUrls;
        this.deletion = deletion;
        this.capacity = capacity;
    }
    async create(request, idempotencyKey, owner = exports.ANONYMOUS_OWNER) {
        const referenceTrackUrl = request.reference_track_url ?? null;
        const webhookUrl = request.webhook_url ?? null;
        const webhookEvents = request.webhook_events ? [...new Set(request.webhook_events)] : null;
        const fingerprinted = [request.prompt, referenceTrackUrl];
        const credentialsKey = this.config.webhookCredentialsKey;
        if (webhookUrl)
            fingerprinted.push((0, webhook_credentials_1.fingerprintableUrl)(webhookUrl, credentialsKey), webhookEvents);
        const fingerprint = idempotencyKey
            ? (0, node_crypto_1.createHash)('sha256').update(JSON.stringify(fingerprinted)).digest('hex')
            : null;
        if (idempotencyKey) {
            const replay = await this.replay(owner, idempotencyKey, fingerprint);
            if (replay)
                return replay;
        }
        if (webhookUrl !== null && this.config.webhookKey === undefined)
            throw new jobs_errors_1.InvalidFieldError('webhook_url', NO_WEBHOOK_SECRET_MESSAGE);
        if (webhookUrl !== null && credentialsKey === undefined && (0, webhook_credentials_1.hasUrlPassword)(webhookUrl))
            throw new jobs_errors_1.InvalidFieldError('webhook_url', NO_CREDENTIALS_KEY_MESSAGE);
        const rate = await this.rateLimiter.check(owner);
        if (!rate.allowed)
            throw new jobs_errors_1.RateLimitedError(rate.retryAfterSeconds);
        const outbound = { reference_track_url: referenceTrackUrl, webhook_url: webhookUrl };
        await Promise.all(Object.entries(outbound)
            .filter((entry) => entry[1] !== null)
            .map(([field, url]) => this.outboundUrls.assertAllowed(url, field).catch(outbound_url_guard_1.refusalAsBadRequest)));
        const jobId = (0, node_crypto_1.randomUUID)();
        const outcome = await this.transitions.createJob({
            id: jobId,
            prompt: request.prompt,
            referenceTrackUrl,
            owner,
            idempotencyKey: idempotencyKey ?? null,
            requestFingerprint: fingerprint,
            deadlineMs: this.config.jobDeadlineMs,
            webhookUrl: webhookUrl !== null && credentialsKey
                ? (0, webhook_credentials_1.sealUrlPassword)(webhookUrl, credentialsKey)
                : webhookUrl,
            webhookEvents,
            stepListVersion: steps_1.STEP_LIST_VERSION,
            priority: request.priority ?? job_priority_1.JobPriority.Normal,
            maxBacklog: this.config.maxBacklogPerOwner,
        });
        if (outcome === 'backlog full') {
            const backlog = this.config.maxBacklogPerOwner;
            throw new jobs_errors_1.BacklogFullError(backlog, await this.capacity.estimatedWaitSeconds(backlog));
        }
        if (outcome === 'duplicate' && idempotencyKey) {
            const replay = await this.replay(owner, idempotencyKey, fingerprint);
            if (!replay)
                throw new Error('Idempotency-Key conflict without a stored job');
            return replay;
        }
        this.metrics.jobsCreated.inc();
        this.logger.log({ job_id: jobId, owner, status: job_status_1.JobStatus.Pending, msg: 'Job created' });
        await this.producer.enqueue(jobId);
        return { jobId, replayed: false };
    }
    async replay(owner, idempotencyKey, fingerprint) {
        const existing = await this.jobs.findByIdempotencyKey(owner, idempotencyKey);
        if (!existing)
            return undefined;
        if (existing.request_fingerprint !== fingerprint)
            throw new jobs_errors_1.IdempotencyConflictError(existing.id);
        return { jobId: existing.id, replayed: true };
    }
    async get(jobId, owner) {
        const job = (0, job_id_1.isJobId)(jobId) ? await this.jobs.findJob(jobId, owner) : undefined;
        if (!job)
            throw new jobs_errors_1.JobNotFoundError();
        await this.withStandings([job]);
        return job;
    }
    async withStandings(jobs) {
        const waiting = jobs.filter((job) => job.queued_at !== null && job.status === job_status_1.JobStatus.Processing && job.current_step);
        await Promise.all(waiting.map(async (job) => {
            const step = job.current_step;
            const standing = await withinSecond(this.capacity.standing(step, job.id));
            job.queue = standing
                ? { step, position: standing.position, eta_seconds: standing.etaSeconds }
                : null;
        }));
    }
    async list(query, owner) {
        const filter = {
            owner,
            statuses: query.status ? [...new Set(query.status)] : undefined,
            createdAfter: query.created_after,
            createdBefore: query.created_before,
            text: query.q?.trim(),
            after: query.cursor === undefined ? undefined : (0, job_list_cursor_1.decodeCursor)(query.cursor),
            limit: query.limit ?? list_jobs_dto_1.LIST_DEFAULT_LIMIT,
        };
        if (filter.createdAfter &&
            filter.createdBefore &&
            Date.parse(filter.createdAfter) >= Date.parse(filter.createdBefore))
            throw new jobs_errors_1.InvalidFieldError('created_before', 'created_before must be after created_after');
        const page = await this.jobs.listJobs(filter);
        await this.withStandings(page.jobs);
        return { jobs: page.jobs, nextCursor: page.next ? (0, job_list_cursor_1.encodeCursor)(page.next) : null };
    }
    async cancel(jobId, owner) {
        if (!(0, job_id_1.isJobId)(jobId) || !(await this.cancellation.cancel(jobId, owner)))
            throw new jobs_errors_1.JobNotFoundError();
        return this.get(jobId, owner);
    }
    async retry(jobId, caller, owner) {
        const job = await this.get(jobId, owner);
        if (!RETRYABLE_STATUSES.includes(job.status))
            throw retryConflict(job.status);
        const rate = await this.rateLimiter.check(caller);
        if (!rate.allowed)
            throw new jobs_errors_1.RateLimitedError(rate.retryAfterSeconds);
        const reopened = await this.transitions.reopen(jobId, this.config.jobDeadlineMs, owner);
        if (!reopened)
            throw new jobs_errors_1.JobNotFoundError();
        if (!reopened.reopened)
            throw retryConflict(reopened.status);
        this.logger.log({
            job_id: jobId,
            status: job_status_1.JobStatus.Pending,
            msg: 'Job queued again (retry)',
        });
        await this.producer.enqueue(jobId);
        return this.get(jobId, owner);
    }
    async delete(jobId, owner) {
        if (!(0, job_id_1.isJobId)(jobId))
            throw new jobs_errors_1.InvalidFieldError('job_id', 'job_id must be a UUID');
        const outcome = await this.deletion.deleteFinished(jobId, owner);
        switch (outcome.kind) {
            case 'not-found':
                throw new jobs_errors_1.JobNotFoundError();
            case 'unfinished':
                throw new jobs_errors_1.JobStateConflictError(outcome.status, DELETE_CONFLICT);
            case 'files-kept':
                throw new Error(`Job ${jobId} kept: an artifact could not be deleted`);
            case 'deleted':
                this.logger.log({ job_id: jobId, owner, files: outcome.files, msg: 'Job deleted' });
        }
    }
};
exports.JobsService = JobsService;
exports.JobsService = JobsService = JobsService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jobs_repository_1.JobsRepository,
        job_transitions_1.JobTransitions,
        pipeline_producer_1.PipelineProducer,
        job_cancellation_service_1.JobCancellation,
        app_config_1.AppConfig,
        job_events_notifier_1.JobEventsNotifier,
        metrics_1.Metrics,
        create_rate_limiter_1.CreateRateLimiter,
        outbound_url_guard_1.OutboundUrlGuard,
        job_deletion_service_1.JobDeletion,
        service_capacity_1.ServiceCapacity])
], JobsService);
async function withinSecond(promise) {
    let timer;
    const late = new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), 1_000);
    });
    try {
        return await Promise.race([promise.catch(() => null), late]);
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=jobs.service.js.map