"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const common_1 = require("@nestjs/common");
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const app_config_1 = require("../config/app-config");
const metrics_1 = require("../observability/metrics");
const job_file_remover_1 = require("./job-file-remover");
const retention_service_1 = require("./retention.service");
const untouchable = {
    createQueryRunner: () => strict_1.default.fail('retention touched the database'),
};
(0, node_test_1.describe)('retention settings', () => {
    (0, node_test_1.it)('keeps finished jobs 30 days and sweeps hourly by default', () => {
        const config = new app_config_1.AppConfig({});
        strict_1.default.equal(config.retentionDays, 30);
        strict_1.default.equal(config.retentionIntervalMs, 3_600_000);
    });
    (0, node_test_1.it)('is off with RETENTION_DAYS=0: no timer, and a sweep does nothing', async () => {
        const config = new app_config_1.AppConfig({ RETENTION_DAYS: '0' });
        const service = new retention_service_1.RetentionService(untouchable, {}, {}, config, new metrics_1.Metrics());
        service.onApplicationBootstrap();
        strict_1.default.equal(await service.sweep(), undefined);
        await service.onApplicationShutdown();
    });
    (0, node_test_1.it)('names malformed values', () => {
        strict_1.default.throws(() => new app_config_1.AppConfig({ RETENTION_DAYS: '-1', RETENTION_INTERVAL_MS: '5' }), (error) => {
            strict_1.default.ok(error instanceof app_config_1.ConfigError);
            strict_1.default.match(error.message, /RETENTION_DAYS: must be between 0 and 36500/);
            strict_1.default.match(error.message, /RETENTION_INTERVAL_MS: must be between 1000/);
            return true;
        });
    });
});
class InMemoryExpiredJobs {
    jobs;
    batches = [];
    constructor(jobs) {
        this.jobs = jobs;
    }
    async deleteExpiredBatch(_manager, _days, limit, after, removeFiles) {
        const start = after ? this.jobs.findIndex((job) => job.id > after.id) : 0;
        const taken = start < 0 ? [] : this.jobs.slice(start, start + limit);
        this.batches.push(taken.length);
        const last = taken.at(-1);
        const removable = new Set(await removeFiles(taken));
        const before = this.jobs.length;
        this.jobs = this.jobs.filter((job) => !removable.has(job.id));
        return {
            selected: taken.length,
            last: last && { createdAt: '2000-01-01 00:00:00+00', id: last.id },
            deleted: before - this.jobs.length,
        };
    }
}
(0, node_test_1.describe)('retention sweep', () => {
    let artifacts;
    (0, node_test_1.before)(async () => {
        artifacts = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'retention-spec-'));
        common_1.Logger.overrideLogger(false);
    });
    (0, node_test_1.after)(async () => {
        common_1.Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
        await (0, promises_1.rm)(artifacts, { recursive: true, force: true });
    });
    (0, node_test_1.it)('goes on past whole batches of jobs whose files cannot be removed, and keeps those jobs', async () => {
        const undeletable = (0, node_path_1.join)(artifacts, 'output', 'stuck_master.wav');
        await (0, promises_1.mkdir)(undeletable, { recursive: true });
        const job = (n, file) => ({
            id: `job-${String(n).padStart(4, '0')}`,
            final_track_url: null,
            steps: file
                ? [
                    {
                        step: 'mix_master',
                        output: { output_path: file, message: 'Mixing and mastering complete.' },
                    },
                ]
                : [],
        });
        const stuck = Array.from({ length: 230 }, (_, n) => job(n, undeletable));
        const expired = Array.from({ length: 40 }, (_, n) => job(1_000 + n, null));
        const repository = new InMemoryExpiredJobs([...stuck, ...expired]);
        const service = new retention_service_1.RetentionService({
            createQueryRunner: () => ({
                connect: () => Promise.resolve(),
                release: () => Promise.resolve(),
                query: () => Promise.resolve([{ locked: true }]),
                manager: {},
            }),
        }, repository, new job_file_remover_1.JobFileRemover({ fileInArtifacts: (path) => path }), new app_config_1.AppConfig({ ARTIFACTS_DIR: artifacts }), new metrics_1.Metrics());
        strict_1.default.deepEqual(await service.sweep(), { jobs: 40, files: 0 });
        strict_1.default.deepEqual(repository.batches, [100, 100, 70]);
        strict_1.default.deepEqual(repository.jobs.map((j) => j.id), stuck.map((j) => j.id), 'jobs whose files remain are kept');
    });
});
//# sourceMappingURL=retention.service.spec.js.map