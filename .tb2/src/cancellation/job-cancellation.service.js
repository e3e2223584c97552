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
var JobCancellation_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobCancellation = void 0;
const common_1 = require("@nestjs/common");
const job_status_1 = require("../jobs/job-status");
const jobs_errors_1 = require("../jobs/jobs.errors");
const job_transitions_1 = require("../jobs/state/job-transitions");
const service_capacity_1 = require("../pipeline/capacity/service-capacity");
const pipeline_producer_1 = require("../pipeline/pipeline.producer");
const cancel_signals_1 = require("./cancel-signals");
let JobCancellation = JobCancellation_1 = class JobCancellation {
    transitions;
    producer;
    signals;
    capacity;
    logger = new common_1.Logger(JobCancellation_1.name);
    constructor(transitions, producer, signals, capacity) {
        this.transitions = transitions;
        this.producer = producer;
        this.signals = signals;
        this.capacity = capacity;
    }
    async cancel(jobId, owner) {
        const flagged = await this.transitions.requestCancel(jobId, owner);
        if (!flagged)
            return false;
        if (!flagged.flagged)
            throw new jobs_errors_1.JobStateConflictError(flagged.status, 'PENDING or PROCESSING jobs can be cancelled');
        if (flagged.status === job_status_1.JobStatus.Pending) {
            await this.finish(jobId);
            await this.producer.removeIfIdle(jobId);
        }
        else {
            const state = await this.producer.state(jobId);
            const idle = state === 'absent' ||
                ((state === 'waiting' || state === 'delayed' || state === 'paused') &&
                    (await this.producer.removeIfIdle(jobId)));
            if (idle) {
                await this.finish(jobId);
                await this.leaveLines(jobId);
            }
            await this.signals.publish(jobId);
        }
        return true;
    }
    async leaveLines(jobId) {
        await this.capacity.leave(jobId).catch((error) => this.logger.warn({
            job_id: jobId,
            msg: 'Service line not told of the cancel; the lease expires by itself',
            err: String(error),
        }));
    }
    async finish(jobId) {
        if (await this.transitions.markCancelled(jobId, null, null))
            this.logger.log({ job_id: jobId, status: job_status_1.JobStatus.Cancelled, msg: 'Job cancelled' });
    }
};
exports.JobCancellation = JobCancellation;
exports.JobCancellation = JobCancellation = JobCancellation_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_transitions_1.JobTransitions,
        pipeline_producer_1.PipelineProducer,
        cancel_signals_1.CancelSignals,
        service_capacity_1.ServiceCapacity])
], JobCancellation);
//# sourceMappingURL=job-cancellation.service.js.map