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
var PipelineWorker_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.PipelineWorker = void 0;
const bull_1 = require("@nestjs/bull");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const app_config_1 = require("../config/app-config");
const service_errors_1 = require("../clients/service-errors");
const cancel_watch_1 = require("../cancellation/cancel-watch");
const pipeline_constants_1 = require("./pipeline.constants");
const pipeline_runner_1 = require("./pipeline.runner");
let PipelineWorker = PipelineWorker_1 = class PipelineWorker {
    queue;
    runner;
    cancels;
    config;
    adapterHost;
    logger = new common_1.Logger(PipelineWorker_1.name);
    shutdown = new AbortController();
    draining;
    constructor(queue, runner, cancels, config, adapterHost) {
        this.queue = queue;
        this.runner = runner;
        this.cancels = cancels;
        this.config = config;
        this.adapterHost = adapterHost;
    }
    onApplicationBootstrap() {
        if (!this.config.runsWorker)
            return;
        this.cancels.start();
        this.queue.on('error', (error) => this.logger.warn({ msg: 'Queue error', err: String(error) }));
        void this.queue.process(this.config.workerConcurrency, (job) => this.handle(job));
        this.logger.log({ msg: 'Worker started', concurrency: this.config.workerConcurrency });
    }
    drain() {
        this.draining ??= this.drainOnce();
        return this.draining;
    }
    async beforeApplicationShutdown() {
        await this.drain();
    }
    async drainOnce() {
        this.shutdown.abort();
        if (!this.config.runsWorker)
            return;
        this.cancels.stop();
        const grace = setTimeout(() => this.cancels.abortAll(new service_errors_1.CallAbortedError('shutdown')), this.config.shutdownGraceMs);
        await this.queue.pause(true, false).catch(() => undefined);
        clearTimeout(grace);
        await this.queue.close().catch(() => undefined);
        const server = this.adapterHost.httpAdapter?.getHttpServer();
        server?.closeIdleConnections();
        this.logger.log({ msg: 'Worker drained' });
    }
    handle(job) {
        const { jobId } = job.data;
        return this.cancels.watch(jobId, (signal) => this.runner.run(jobId, signal, this.shutdown.signal));
    }
};
exports.PipelineWorker = PipelineWorker;
exports.PipelineWorker = PipelineWorker = PipelineWorker_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, bull_1.InjectQueue)(pipeline_constants_1.PIPELINE_QUEUE)),
    __metadata("design:paramtypes", [Object, pipeline_runner_1.PipelineRunner,
        cancel_watch_1.CancelWatch,
        app_config_1.AppConfig,
        core_1.HttpAdapterHost])
], PipelineWorker);
//# sourceMappingURL=pipeline.worker.js.map