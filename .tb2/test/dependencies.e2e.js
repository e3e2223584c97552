"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const http_client_1 = require("./support/http-client");
const tcp_proxy_1 = require("./support/tcp-proxy");
const use_orchestrator_1 = require("./support/use-orchestrator");
(0, node_test_1.describe)('dependency faults', () => {
    const pgProxy = new tcp_proxy_1.TcpProxy('127.0.0.1', 5432);
    const redisProxy = new tcp_proxy_1.TcpProxy('127.0.0.1', 6379);
    const { env, stubs, app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [pgProxy, redisProxy],
        env: () => {
            const db = new URL(env.databaseUrl);
            db.port = String(pgProxy.port);
            return {
                DATABASE_URL: db.toString(),
                REDIS_URL: `redis://127.0.0.1:${redisProxy.port}/0`,
                RECONCILE_INTERVAL_MS: '300',
            };
        },
        beforeTeardown: () => {
            pgProxy.restore();
            redisProxy.restore();
        },
    });
    (0, node_test_1.it)('answers 503 with a clear message while PostgreSQL is unreachable, and recovers by itself', async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'before the outage',
        });
        strict_1.default.equal(created.status, 202);
        await (0, http_client_1.waitForJob)(app.url, created.body.job_id);
        pgProxy.cut();
        const started = Date.now();
        const during = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'during the outage',
        });
        strict_1.default.equal(during.status, 503);
        strict_1.default.equal(during.body.detail, 'Database unavailable; try again shortly');
        strict_1.default.ok(during.headers.get('retry-after'));
        const read = await (0, http_client_1.requestJson)(`${app.url}/jobs/${created.body.job_id}`);
        strict_1.default.equal(read.status, 503);
        strict_1.default.ok(Date.now() - started < 10_000, 'no hang');
        pgProxy.restore();
        const deadline = Date.now() + 15_000;
        let after = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'after the outage',
        });
        while (after.status !== 202 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            after = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
                prompt: 'after the outage',
            });
        }
        strict_1.default.equal(after.status, 202);
        const job = await (0, http_client_1.waitForJob)(app.url, after.body.job_id);
        strict_1.default.equal(job.status, 'SUCCESS');
    });
    (0, node_test_1.it)('accepts jobs while Redis is unreachable and runs them once it is back', async () => {
        redisProxy.cut();
        const started = Date.now();
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'queued later',
        });
        strict_1.default.equal(created.status, 202, 'PostgreSQL holds the job; the queue catches up');
        strict_1.default.ok(Date.now() - started < 5_000, 'no hang');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const waiting = await (0, http_client_1.requestJson)(`${app.url}/jobs/${created.body.job_id}`);
        strict_1.default.equal(waiting.body.status, 'PENDING');
        redisProxy.restore();
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id, undefined, 30_000);
        strict_1.default.equal(job.status, 'SUCCESS');
    });
    (0, node_test_1.it)('answers cancel at once while Redis is unreachable, and the jobs still end CANCELLED', async () => {
        stubs.script('generate', () => ({ hangMs: 20_000 }));
        const running = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'running when Redis goes',
        });
        await (0, http_client_1.waitForJob)(app.url, running.body.job_id, (job) => job.status === 'PROCESSING' && job.current_step === 'generate_sound');
        redisProxy.cut();
        const waiting = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'waiting while Redis is away',
        });
        strict_1.default.equal(waiting.status, 202);
        for (const [id, expected] of [
            [waiting.body.job_id, 'CANCELLED'],
            [running.body.job_id, 'PROCESSING'],
        ]) {
            const started = Date.now();
            const cancel = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/cancel`, {
                method: 'POST',
                signal: AbortSignal.timeout(5_000),
            });
            const took = Date.now() - started;
            strict_1.default.equal(cancel.status, 202, JSON.stringify(cancel.body));
            strict_1.default.equal(cancel.body.status, expected);
            strict_1.default.ok(took < 2_500, `cancel answered in ${took} ms with Redis down`);
        }
        const stopped = await (0, http_client_1.waitForJob)(app.url, running.body.job_id, undefined, 5_000);
        strict_1.default.equal(stopped.status, 'CANCELLED', 'the running call was stopped without Redis');
        redisProxy.restore();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        for (const id of [waiting.body.job_id, running.body.job_id]) {
            const job = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`);
            strict_1.default.equal(job.body.status, 'CANCELLED');
        }
        strict_1.default.equal(stubs.callsTo('parse', waiting.body.job_id).length, 0, 'never ran');
        strict_1.default.equal(stubs.callsTo('process', running.body.job_id).length, 0, 'no later step ran');
    });
});
//# sourceMappingURL=dependencies.e2e.js.map