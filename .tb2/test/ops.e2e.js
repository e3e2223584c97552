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
function metricValue(text, name, labels = '') {
    const line = text
        .split('\n')
        .find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
    return line ? Number(line.split(' ').pop()) : 0;
}
(0, node_test_1.describe)('health and metrics', () => {
    const redisProxy = new tcp_proxy_1.TcpProxy('127.0.0.1', 6379);
    const { app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [redisProxy],
        env: () => ({ REDIS_URL: `redis://127.0.0.1:${redisProxy.port}/0` }),
        beforeTeardown: () => redisProxy.restore(),
    });
    (0, node_test_1.it)('is live, and ready only while PostgreSQL, Redis and the queue answer', async () => {
        strict_1.default.deepEqual((await (0, http_client_1.requestJson)(`${app.url}/health/live`)).body, { status: 'ok' });
        const ready = await (0, http_client_1.requestJson)(`${app.url}/health/ready`);
        strict_1.default.equal(ready.status, 200);
        strict_1.default.deepEqual(Object.keys(ready.body.info).sort(), ['postgres', 'queue', 'redis']);
        redisProxy.cut();
        const started = Date.now();
        const down = await (0, http_client_1.requestJson)(`${app.url}/health/ready`);
        strict_1.default.equal(down.status, 503);
        strict_1.default.equal(down.body.error.redis.status, 'down');
        strict_1.default.ok(Date.now() - started < 3_000, 'answers quickly while Redis is down');
        redisProxy.restore();
        let back = 0;
        for (let i = 0; i < 50 && back !== 200; i++) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            back = (await (0, http_client_1.requestJson)(`${app.url}/health/ready`)).status;
        }
        strict_1.default.equal(back, 200, 'ready again once Redis is back');
    });
    (0, node_test_1.it)('exposes Prometheus metrics that change after a job', async () => {
        const before = await (await fetch(`${app.url}/metrics`)).text();
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'metrics',
        });
        await (0, http_client_1.waitForJob)(app.url, created.body.job_id);
        const res = await fetch(`${app.url}/metrics`);
        strict_1.default.match(res.headers.get('content-type') ?? '', /text\/plain/);
        const afterText = await res.text();
        strict_1.default.equal(metricValue(afterText, 'orchestrator_jobs_created_total') -
            metricValue(before, 'orchestrator_jobs_created_total'), 1);
        strict_1.default.equal(metricValue(afterText, 'orchestrator_jobs_finished_total', '{status="SUCCESS"}') -
            metricValue(before, 'orchestrator_jobs_finished_total', '{status="SUCCESS"}'), 1);
        strict_1.default.ok(metricValue(afterText, 'orchestrator_step_duration_seconds_count', '{step="generate_sound",outcome="succeeded"}') >= 1);
        strict_1.default.match(afterText, /orchestrator_queue_jobs\{state="waiting"\} \d+/);
        strict_1.default.match(afterText, /orchestrator_http_request_duration_seconds_count\{method="POST",route="\/create-track",status_code="202"\} \d+/);
    });
});
//# sourceMappingURL=ops.e2e.js.map