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
var PipelineProducer_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.PipelineProducer = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const pipeline_constants_1 = require("./pipeline.constants");
const ENQUEUE_TIMEOUT_MS = 2_000;
const HANDOFF_RETRY_MS = 100;
const HANDOFF_TRIES = 50;
const QUEUE_QUERY_TIMEOUT_MS = 1_000;
let PipelineProducer = PipelineProducer_1 = class PipelineProducer {
    queue;
    logger = new common_1.Logger(PipelineProducer_1.name);
    constructor(queue) {
        this.queue = queue;
    }
    async enqueue(jobId, delayMs = 0) {
        if (this.queue.client.status !== 'ready') {
            this.logger.warn({
                job_id: jobId,
                msg: 'Redis not ready; the reconciler will enqueue the job',
            });
            return false;
        }
        try {
            await withTimeout(this.queue.add({ jobId }, { ...this.jobOptions(jobId), ...(delayMs > 0 ? { delay: delayMs } : {}) }), ENQUEUE_TIMEOUT_MS);
            return true;
        }
        catch (error) {
            this.logger.warn({
                job_id: jobId,
                msg: 'Enqueue failed; the reconciler will retry',
                err: String(error),
            });
            return false;
        }
    }
    async enqueueHandedSlot(jobId) {
        for (let tries = 0; tries < HANDOFF_TRIES; tries++) {
            if (!this.redisReady)
                return false;
            try {
                const existing = await withTimeout(this.queue.getJob(jobId), ENQUEUE_TIMEOUT_MS);
                const state = existing ? await existing.getState() : 'absent';
                if (state === 'waiting' || state === 'delayed' || state === 'paused')
                    return true;
                if (state !== 'active') {
                    if (existing)
                        await withTimeout(existing.remove(), ENQUEUE_TIMEOUT_MS);
                    await withTimeout(this.queue.add({ jobId }, { ...this.jobOptions(jobId), lifo: true }), ENQUEUE_TIMEOUT_MS);
                    return true;
                }
            }
            catch (error) {
                this.logger.warn({
                    job_id: jobId,
                    msg: 'Enqueue of a handed slot failed; the reconciler will retry',
                    err: String(error),
                });
                return false;
            }
            await new Promise((resolve) => setTimeout(resolve, HANDOFF_RETRY_MS));
        }
        return false;
    }
    async missing(jobIds) {
        if (jobIds.length === 0)
            return [];
        const pipeline = this.queue.client.pipeline();
        for (const id of jobIds)
            pipeline.exists(this.queue.toKey(id));
        const results = (await pipeline.exec()) ?? [];
        return jobIds.filter((_, i) => results[i]?.[1] === 0);
    }
    async state(jobId) {
        if (!this.redisReady)
            return 'unknown';
        try {
            return await withTimeout((async () => {
                const job = await this.queue.getJob(jobId);
                return job ? await job.getState() : 'absent';
            })(), QUEUE_QUERY_TIMEOUT_MS);
        }
        catch {
            return 'unknown';
        }
    }
    async removeIfIdle(jobId) {
        if (!this.redisReady)
            return false;
        try {
            return await withTimeout((async () => {
                const job = await this.queue.getJob(jobId);
                if (!job)
                    return false;
                await job.remove();
                return true;
            })(), QUEUE_QUERY_TIMEOUT_MS);
        }
        catch {
            return false;
        }
    }
    jobOptions(jobId) {
        return {
            jobId,
            attempts: pipeline_constants_1.BULL_ATTEMPTS,
            backoff: { type: pipeline_constants_1.PIPELINE_BACKOFF },
            removeOnComplete: true,
            removeOnFail: true,
        };
    }
    get redisReady() {
        return this.queue.client.status === 'ready';
    }
};
exports.PipelineProducer = PipelineProducer;
exports.PipelineProducer = PipelineProducer = PipelineProducer_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, bull_1.InjectQueue)(pipeline_constants_1.PIPELINE_QUEUE)),
    __metadata("design:paramtypes", [Object])
], PipelineProducer);
function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
//# sourceMappingURL=pipeline.producer.js.map