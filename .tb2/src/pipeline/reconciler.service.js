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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var Reconciler_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.Reconciler = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const app_config_1 = require("../config/app-config");
const advisory_locks_1 = require("../database/advisory-locks");
const job_status_1 = require("../jobs/job-status");
const jobs_repository_1 = require("../jobs/jobs.repository");
const job_transitions_1 = require("../jobs/state/job-transitions");
const cancel_signals_1 = require("../cancellation/cancel-signals");
const service_capacity_1 = require("./capacity/service-capacity");
const pipeline_producer_1 = require("./pipeline.producer");
const retry_schedule_repository_1 = require("./retry-schedule.repository");
const ENQUEUE_GRACE_MS = 5_000;
const SWEEP_BATCH = 1_000;
let Reconciler = Reconciler_1 = class Reconciler {
    db;
    jobs;
    transitions;
    producer;
    cancels;
    config;
    retries;
    capacity;
    logger = new common_1.Logger(Reconciler_1.name);
    timer;
    sweeping;
    constructor(db, jobs, transitions, producer, cancels, config, retries, capacity) {
        this.db = db;
        this.jobs = jobs;
        this.transitions = transitions;
        this.producer = producer;
        this.cancels = cancels;
        this.config = config;
        this.retries = retries;
        this.capacity = capacity;
    }
    onApplicationBootstrap() {
        if (!this.config.runsWorker)
            return;
        this.timer = setInterval(() => {
            this.sweeping ??= this.sweep()
                .catch((error) => this.logger.warn({ msg: 'Reconciler sweep failed', err: String(error) }))
                .finally(() => (this.sweeping = undefined));
        }, this.config.reconcileIntervalMs);
        this.timer.unref();
    }
    async onApplicationShutdown() {
        clearInterval(this.timer);
        await this.sweeping;
    }
    async sweep() {
        if (!this.producer.redisReady)
            return undefined;
        const runner = this.db.createQueryRunner();
        await runner.connect();
        try {
            const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
                advisory_locks_1.AdvisoryLock.ReconcilerSweep,
            ]));
            if (!locked)
                return undefined;
            try {
                return await this.sweepLocked();
            }
            finally {
                await runner.query('SELECT pg_advisory_unlock($1)', [advisory_locks_1.AdvisoryLock.ReconcilerSweep]);
            }
        }
        finally {
            await runner.release();
        }
    }
    async sweepLocked() {
        const overdue = [];
        for (const job of await this.transitions.failOverdue()) {
            const msg = job.status === job_status_1.JobStatus.Failure ? 'Job failed: deadline exceeded' : 'Job cancelled';
            this.logger.warn({ job_id: job.id, msg });
            overdue.push(job.id);
            await this.producer.removeIfIdle(job.id);
            await this.cancels.publish(job.id);
        }
        const requeued = [];
        let after;
        do {
            const page = await this.jobs.findUnfinished(ENQUEUE_GRACE_MS, SWEEP_BATCH, after);
            requeued.push(...(await this.requeueMissing(page.map((job) => job.id))));
            after = page.length === SWEEP_BATCH ? page.at(-1) : undefined;
        } while (after);
        if (requeued.length > 0)
            this.logger.warn({ msg: 'Re-enqueued jobs missing from Redis', count: requeued.length });
        return { requeued, overdue };
    }
    async requeueMissing(ids) {
        const missing = await this.producer.missing(ids);
        const idle = [];
        for (const job of await this.jobs.stillUnfinishedAndIdle(missing, this.config.lockDurationMs)) {
            if (job.waiting_step && (await this.capacity.isWaiting(job.waiting_step, job.id)))
                continue;
            idle.push(job.id);
        }
        const backoff = await this.retries.remainingBackoffMs(idle);
        const requeued = [];
        for (const id of idle) {
            if (await this.producer.enqueue(id, backoff.get(id)))
                requeued.push(id);
        }
        return requeued;
    }
};
exports.Reconciler = Reconciler;
exports.Reconciler = Reconciler = Reconciler_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource,
        jobs_repository_1.JobsRepository,
        job_transitions_1.JobTransitions,
        pipeline_producer_1.PipelineProducer,
        cancel_signals_1.CancelSignals,
        app_config_1.AppConfig,
        retry_schedule_repository_1.RetrySchedule,
        service_capacity_1.ServiceCapacity])
], Reconciler);
//# sourceMappingURL=reconciler.service.js.map