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
var JobEventHub_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobEventHub = exports.STREAM_BATCH = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const job_events_notifier_1 = require("../jobs/job-events.notifier");
const job_event_feed_repository_1 = require("./job-event-feed.repository");
exports.STREAM_BATCH = 500;
const ERROR_LOG_INTERVAL_MS = 30_000;
let JobEventHub = JobEventHub_1 = class JobEventHub {
    feed;
    notifier;
    config;
    logger = new common_1.Logger(JobEventHub_1.name);
    jobs = new Map();
    unsubscribe;
    pollTimer;
    polling = false;
    lastErrorLogAt = 0;
    constructor(feed, notifier, config) {
        this.feed = feed;
        this.notifier = notifier;
        this.config = config;
    }
    onModuleInit() {
        this.pollTimer = setInterval(() => void this.poll(), this.config.ssePollIntervalMs);
        this.pollTimer.unref();
    }
    onApplicationBootstrap() {
        if (this.config.runsApi)
            this.listen();
    }
    onModuleDestroy() {
        clearInterval(this.pollTimer);
        this.unsubscribe?.();
        this.jobs.clear();
    }
    get watchedJobs() {
        return this.jobs.size;
    }
    watch(jobId, watcher) {
        this.listen();
        let job = this.jobs.get(jobId);
        if (!job) {
            job = { watchers: new Set(), reading: false, readAgain: false };
            this.jobs.set(jobId, job);
        }
        job.watchers.add(watcher);
        this.read(jobId);
        const watched = job;
        return () => {
            watched.watchers.delete(watcher);
            if (watched.watchers.size === 0 && this.jobs.get(jobId) === watched)
                this.jobs.delete(jobId);
        };
    }
    listen() {
        this.unsubscribe ??= this.notifier.onChange((changed) => this.read(changed.toLowerCase()));
    }
    read(jobId) {
        const job = this.jobs.get(jobId);
        if (!job)
            return;
        if (job.reading) {
            job.readAgain = true;
            return;
        }
        job.reading = true;
        const after = earliest(job.watchers);
        this.feed
            .eventsAfter(jobId, after, exports.STREAM_BATCH)
            .then((rows) => {
            if (this.deliver(job, after, rows) || rows.length === exports.STREAM_BATCH)
                job.readAgain = true;
        })
            .catch((error) => this.reportError(error))
            .finally(() => {
            job.reading = false;
            if (job.readAgain && this.jobs.get(jobId) === job) {
                job.readAgain = false;
                this.read(jobId);
            }
        });
    }
    async poll() {
        if (this.polling || this.jobs.size === 0)
            return;
        this.polling = true;
        try {
            const afterIds = new Map();
            for (const [jobId, job] of this.jobs)
                afterIds.set(jobId, earliest(job.watchers));
            const rows = await this.feed.eventsAfterEach(afterIds, exports.STREAM_BATCH);
            const byJob = new Map();
            for (const row of rows) {
                const list = byJob.get(row.job_id) ?? [];
                list.push(row);
                byJob.set(row.job_id, list);
            }
            for (const [jobId, jobRows] of byJob) {
                const job = this.jobs.get(jobId);
                if (!job)
                    continue;
                if (job.reading) {
                    job.readAgain = true;
                    continue;
                }
                const after = afterIds.get(jobId) ?? '0';
                if (this.deliver(job, after, jobRows) || jobRows.length === exports.STREAM_BATCH)
                    this.read(jobId);
            }
        }
        catch (error) {
            this.reportError(error);
        }
        finally {
            this.polling = false;
        }
    }
    deliver(job, after, rows) {
        let behind = false;
        for (const watcher of [...job.watchers]) {
            if (!job.watchers.has(watcher))
                continue;
            const from = BigInt(watcher.lastId);
            if (from < BigInt(after)) {
                behind = true;
                continue;
            }
            const fresh = rows.filter((row) => BigInt(row.id) > from);
            if (fresh.length > 0)
                watcher.receive(fresh);
        }
        return behind;
    }
    reportError(error) {
        if (Date.now() - this.lastErrorLogAt < ERROR_LOG_INTERVAL_MS)
            return;
        this.lastErrorLogAt = Date.now();
        this.logger.warn({
            msg: 'Reading job events for streams failed; retrying',
            err: String(error),
        });
    }
};
exports.JobEventHub = JobEventHub;
exports.JobEventHub = JobEventHub = JobEventHub_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_event_feed_repository_1.JobEventFeedRepository,
        job_events_notifier_1.JobEventsNotifier,
        app_config_1.AppConfig])
], JobEventHub);
function earliest(watchers) {
    let min;
    for (const watcher of watchers) {
        const id = BigInt(watcher.lastId);
        if (min === undefined || id < min)
            min = id;
    }
    return String(min ?? 0n);
}
//# sourceMappingURL=job-event-hub.js.map