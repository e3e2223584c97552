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
var RetentionService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.RetentionService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const app_config_1 = require("../config/app-config");
const advisory_locks_1 = require("../database/advisory-locks");
const metrics_1 = require("../observability/metrics");
const job_file_remover_1 = require("./job-file-remover");
const retention_repository_1 = require("./retention.repository");
const BATCH_SIZE = 100;
let RetentionService = RetentionService_1 = class RetentionService {
    db;
    expired;
    files;
    config;
    metrics;
    logger = new common_1.Logger(RetentionService_1.name);
    timer;
    sweeping;
    stopping = false;
    constructor(db, expired, files, config, metrics) {
        this.db = db;
        this.expired = expired;
        this.files = files;
        this.config = config;
        this.metrics = metrics;
    }
    onApplicationBootstrap() {
        if (!this.config.runsWorker || this.config.retentionDays === 0)
            return;
        this.timer = setInterval(() => {
            this.sweeping ??= this.sweep()
                .catch((error) => this.logger.warn({ msg: 'Retention sweep failed', err: String(error) }))
                .finally(() => (this.sweeping = undefined));
        }, this.config.retentionIntervalMs);
        this.timer.unref();
    }
    async onApplicationShutdown() {
        this.stopping = true;
        clearInterval(this.timer);
        await this.sweeping;
    }
    async sweep() {
        if (this.config.retentionDays === 0)
            return undefined;
        const runner = this.db.createQueryRunner();
        await runner.connect();
        try {
            const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
                advisory_locks_1.AdvisoryLock.RetentionSweep,
            ]));
            if (!locked)
                return undefined;
            try {
                return await this.sweepLocked(runner.manager);
            }
            finally {
                await runner.query('SELECT pg_advisory_unlock($1)', [advisory_locks_1.AdvisoryLock.RetentionSweep]);
            }
        }
        finally {
            await runner.release();
        }
    }
    async sweepLocked(manager) {
        const report = { jobs: 0, files: 0 };
        let after;
        try {
            for (;;) {
                const batch = await this.expired.deleteExpiredBatch(manager, this.config.retentionDays, BATCH_SIZE, after, (jobs) => this.removeFiles(jobs, report));
                report.jobs += batch.deleted;
                this.metrics.retentionDeleted.inc({ kind: 'job' }, batch.deleted);
                after = batch.last;
                if (batch.selected < BATCH_SIZE || this.stopping)
                    break;
            }
        }
        finally {
            if (report.jobs > 0 || report.files > 0) {
                this.logger.log({
                    msg: 'Retention removed expired jobs',
                    jobs: report.jobs,
                    files: report.files,
                    retention_days: this.config.retentionDays,
                });
            }
        }
        return report;
    }
    async removeFiles(jobs, report) {
        const removed = await this.files.remove(jobs);
        report.files += removed.files;
        this.metrics.retentionDeleted.inc({ kind: 'file' }, removed.files);
        return removed.removable;
    }
};
exports.RetentionService = RetentionService;
exports.RetentionService = RetentionService = RetentionService_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource,
        retention_repository_1.RetentionRepository,
        job_file_remover_1.JobFileRemover,
        app_config_1.AppConfig,
        metrics_1.Metrics])
], RetentionService);
//# sourceMappingURL=retention.service.js.map