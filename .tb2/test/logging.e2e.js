"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
(0, node_test_1.describe)('structured logs', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({ app: false });
    let app;
    (0, node_test_1.before)(async () => {
        app = await harness.startProcess('logging', { LOG_LEVEL: 'info' });
    });
    const lines = () => app.output
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
        try {
            return JSON.parse(line);
        }
        catch {
            strict_1.default.fail(`a log line that is not JSON: ${line}`);
        }
    });
    (0, node_test_1.it)('echoes X-Request-Id, logs each request and state change as JSON, and never a key', async () => {
        const secret = 'tok_never-log-this-0123456789';
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'logged beat, 90 bpm' }, { 'x-request-id': 'req-logging-1', authorization: `Bearer ${secret}`, 'x-api-key': secret });
        strict_1.default.equal(created.status, 202);
        strict_1.default.equal(created.headers.get('x-request-id'), 'req-logging-1');
        const jobId = created.body.job_id;
        const done = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(done.status, 'SUCCESS');
        const read = await fetch(`${app.url}/jobs/${jobId}`);
        strict_1.default.match(read.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const log = lines();
        strict_1.default.ok(!app.output.includes(secret), 'the API key is not in the log');
        const request = log.find((l) => l.request_id === 'req-logging-1');
        strict_1.default.ok(request, 'the create request has a line with its request id');
        strict_1.default.equal(request.route, '/create-track');
        strict_1.default.equal(request.status_code, 202);
        const changes = log.filter((l) => l.job_id === jobId).map((l) => [l.msg, l.step ?? null]);
        strict_1.default.deepEqual(changes, [
            ['Job created', null],
            ['Job running', null],
            ['Step started', 'parse_prompt'],
            ['Step succeeded', 'parse_prompt'],
            ['Step started', 'generate_sound'],
            ['Step succeeded', 'generate_sound'],
            ['Step started', 'mix_master'],
            ['Step succeeded', 'mix_master'],
            ['Job succeeded', null],
        ]);
    });
});
//# sourceMappingURL=logging.e2e.js.map