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
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobEventsStreamService = void 0;
const job_id_1 = require("../jobs/job-id");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const app_config_1 = require("../config/app-config");
const principal_1 = require("../auth/principal");
const jobs_errors_1 = require("../jobs/jobs.errors");
const job_event_feed_repository_1 = require("./job-event-feed.repository");
const job_event_hub_1 = require("./job-event-hub");
const job_event_stream_1 = require("./job-event-stream");
const sse_format_1 = require("./sse-format");
const STREAM_CAP_RETRY_AFTER_SECONDS = 5;
let JobEventsStreamService = class JobEventsStreamService {
    feed;
    hub;
    config;
    adapterHost;
    open = new Set();
    openByHolder = new Map();
    constructor(feed, hub, config, adapterHost) {
        this.feed = feed;
        this.hub = hub;
        this.config = config;
        this.adapterHost = adapterHost;
    }
    onModuleInit() {
        const fastify = this.adapterHost.httpAdapter?.getInstance();
        fastify?.addHook('preClose', (done) => {
            this.closeAll();
            done();
        });
    }
    onModuleDestroy() {
        this.closeAll();
    }
    beforeApplicationShutdown() {
        this.closeAll();
    }
    async openStream(jobId, principal, clientAddress, lastId) {
        const holder = principal.name === principal_1.LOCAL_PRINCIPAL.name
            ? `address:${clientAddress}`
            : `key:${principal.name}`;
        this.takeSlot(holder);
        try {
            const owner = (0, principal_1.ownerScope)(principal);
            const status = (0, job_id_1.isJobId)(jobId) ? await this.feed.findJobStatus(jobId, owner) : undefined;
            if (!status)
                throw new jobs_errors_1.JobNotFoundError();
            const id = jobId.toLowerCase();
            const first = await this.feed.eventsAfter(id, lastId, job_event_hub_1.STREAM_BATCH);
            if (first.length === 0 && (0, sse_format_1.isTerminalStatus)(status)) {
                this.releaseSlot(holder);
                return { kind: 'finished' };
            }
            return { kind: 'stream', jobId: id, lastId, first, holder };
        }
        catch (error) {
            this.releaseSlot(holder);
            throw error;
        }
    }
    run(opening, res) {
        const stream = new job_event_stream_1.JobEventStream({ watch: (jobId, watcher) => this.hub.watch(jobId, watcher) }, {
            keepAliveMs: this.config.sseKeepAliveMs,
            maxLifetimeMs: this.config.sseMaxStreamSeconds * 1000,
        }, opening.jobId, opening.lastId, res, (closed) => {
            this.open.delete(closed);
            this.releaseSlot(opening.holder);
        });
        this.open.add(stream);
        stream.start(opening.first);
    }
    get openStreams() {
        return this.open.size;
    }
    takeSlot(holder) {
        const cap = this.config.sseMaxStreamsPerKey;
        const count = this.openByHolder.get(holder) ?? 0;
        if (cap > 0 && count >= cap)
            throw new jobs_errors_1.RateLimitedError(STREAM_CAP_RETRY_AFTER_SECONDS, `Too many open event streams for this client (at most ${cap}); close one first`);
        this.openByHolder.set(holder, count + 1);
    }
    releaseSlot(holder) {
        const left = (this.openByHolder.get(holder) ?? 1) - 1;
        if (left > 0)
            this.openByHolder.set(holder, left);
        else
            this.openByHolder.delete(holder);
    }
    closeAll() {
        for (const stream of [...this.open])
            stream.close();
    }
};
exports.JobEventsStreamService = JobEventsStreamService;
exports.JobEventsStreamService = JobEventsStreamService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_event_feed_repository_1.JobEventFeedRepository,
        job_event_hub_1.JobEventHub,
        app_config_1.AppConfig,
        core_1.HttpAdapterHost])
], JobEventsStreamService);
//# sourceMappingURL=job-events-stream.service.js.map