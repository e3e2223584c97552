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
var CancelWatch_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CancelWatch = void 0;
const common_1 = require("@nestjs/common");
const service_errors_1 = require("../clients/service-errors");
const jobs_repository_1 = require("../jobs/jobs.repository");
const cancel_signals_1 = require("./cancel-signals");
const CANCEL_CHECK_MS = 1_000;
let CancelWatch = CancelWatch_1 = class CancelWatch {
    signals;
    jobs;
    logger = new common_1.Logger(CancelWatch_1.name);
    running = new Map();
    timer;
    constructor(signals, jobs) {
        this.signals = signals;
        this.jobs = jobs;
    }
    start() {
        this.signals.subscribe((jobId) => this.abort(jobId, new service_errors_1.CallAbortedError('cancelled')));
        this.timer = setInterval(() => void this.checkFlags(), CANCEL_CHECK_MS);
        this.timer.unref();
    }
    stop() {
        clearInterval(this.timer);
    }
    async watch(jobId, run) {
        const controller = new AbortController();
        this.running.set(jobId, controller);
        try {
            await run(controller.signal);
        }
        finally {
            this.running.delete(jobId);
        }
    }
    abortAll(reason) {
        for (const controller of this.running.values())
            controller.abort(reason);
    }
    abort(jobId, reason) {
        this.running.get(jobId)?.abort(reason);
    }
    async checkFlags() {
        if (this.running.size === 0)
            return;
        const flagged = await this.jobs
            .cancelRequestedAmong([...this.running.keys()])
            .catch((error) => {
            this.logger.warn({ msg: 'Cancel flag check failed', err: String(error) });
            return [];
        });
        for (const jobId of flagged)
            this.abort(jobId, new service_errors_1.CallAbortedError('cancelled'));
    }
};
exports.CancelWatch = CancelWatch;
exports.CancelWatch = CancelWatch = CancelWatch_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [cancel_signals_1.CancelSignals,
        jobs_repository_1.JobsRepository])
], CancelWatch);
//# sourceMappingURL=cancel-watch.js.map