"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Context = exports.DRAIN_MS = void 0;
const bench_env_1 = require("./bench-env");
const cleanup_1 = require("./cleanup");
const http_client_1 = require("./http-client");
const orchestrator_process_1 = require("../test/support/orchestrator-process");
const procstat_1 = require("./procstat");
exports.DRAIN_MS = 20_000;
class Context {
    flags;
    env;
    stub;
    tool;
    body;
    notes = [];
    stubEnv;
    constructor(flags, env, stub, tool) {
        this.flags = flags;
        this.env = env;
        this.stub = stub;
        this.tool = tool;
        this.stubEnv = stub.env;
        this.body = JSON.stringify({
            prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
            reference_track_url: stub.referenceTrackUrl,
        });
    }
    log(message) {
        process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
    }
    note(message) {
        this.notes.push(message);
        this.log(`note: ${message}`);
    }
    appEnv(overrides = {}) {
        return {
            DATABASE_URL: this.env.databaseUrl,
            REDIS_URL: bench_env_1.REDIS_URL,
            QUEUE_PREFIX: this.env.queuePrefix,
            ARTIFACTS_DIR: this.env.artifactsDir,
            STEP_RETRY_DELAY_MS: '0',
            LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
            RATE_LIMIT_CREATE_PER_MINUTE: '1000000',
            MAX_BACKLOG_PER_OWNER: '100000000',
            OUTBOUND_URL_ALLOWLIST: '127.0.0.0/8',
            ...this.stubEnv,
            ...overrides,
        };
    }
    async start(role, options = {}) {
        const proc = await orchestrator_process_1.OrchestratorProcess.start(options.name ?? role, { NODE_ENV: 'production', ...this.appEnv(options.env), APP_ROLE: role, HOST: '127.0.0.1' }, { entry: this.flags.app, nodeArgs: options.nodeArgs });
        (0, cleanup_1.onCleanup)(`stop ${proc.name}`, () => proc.stop(5_000));
        return proc;
    }
    cpuWindow(procs) {
        const sources = {};
        for (const [name, proc] of Object.entries(procs)) {
            if (proc)
                sources[name] = () => [proc.pid];
        }
        sources.stub = () => [this.stub.pid];
        sources.pg_backends = () => this.env.appBackendPids();
        sources.pg_background = () => this.env.pgBackgroundPids();
        sources.redis = () => this.env.redisPid();
        return procstat_1.CpuWindow.open(sources);
    }
    async createJobs(api, n, concurrency) {
        const ids = [];
        let next = 0;
        await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
            while (next < n) {
                next++;
                ids.push(await (0, http_client_1.createTrack)(api.url, this.body));
            }
        }));
        return ids;
    }
    async offerJobs(api, n, rate) {
        const start = Date.now();
        const pending = [];
        for (let i = 0; i < n; i++) {
            const due = start + (i * 1000) / rate;
            const wait = due - Date.now();
            if (wait > 0)
                await new Promise((resolve) => setTimeout(resolve, wait));
            pending.push((0, http_client_1.createTrack)(api.url, this.body));
        }
        return Promise.all(pending);
    }
    async reset() {
        await this.env.truncateJobs();
        await this.env.clearQueue();
    }
}
exports.Context = Context;
//# sourceMappingURL=context.js.map