"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const core_1 = require("@nestjs/core");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
(0, node_test_1.describe)('process roles', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({ stub: false, app: false });
    const { env } = harness;
    let worker;
    let api;
    (0, node_test_1.before)(async () => {
        worker = await harness.startApp({ APP_ROLE: 'worker' });
        api = await harness.startApp({ APP_ROLE: 'api' });
    });
    (0, node_test_1.it)('serves health, metrics and the embedded services on a worker, and no public route', async () => {
        strict_1.default.equal((await (0, http_client_1.requestJson)(`${worker.url}/health/live`)).status, 200);
        strict_1.default.equal((await fetch(`${worker.url}/metrics`)).status, 200);
        const parsed = await (0, http_client_1.postJson)(`${worker.url}/reference/prompt-parser/parse`, {
            prompt: 'a calm piano piece, 70 bpm',
        });
        strict_1.default.equal(parsed.status, 200, JSON.stringify(parsed.body));
        const created = await (0, http_client_1.postJson)(`${worker.url}/create-track`, { prompt: 'not here' });
        strict_1.default.equal(created.status, 404, 'a worker takes no creates (and so no unlimited ones)');
        for (const path of ['/jobs', '/docs-json', '/admin/queues', '/artifacts/x.wav']) {
            strict_1.default.equal((await fetch(`${worker.url}${path}`)).status, 404, path);
        }
        strict_1.default.equal((await env.sql('SELECT count(*)::int AS n FROM jobs'))[0].n, 0, 'nothing was stored');
    });
    (0, node_test_1.it)('loads no processor and no embedded service in an API process', async () => {
        const modules = (app) => [...app.app.get(core_1.ModulesContainer).values()].map((module) => module.metatype.name);
        strict_1.default.ok(!modules(api).includes('PipelineModule'), 'no processor in the API');
        strict_1.default.ok(modules(worker).includes('PipelineModule'));
        strict_1.default.ok(!modules(worker).includes('JobsModule'), 'no public API in the worker');
        const parsed = await (0, http_client_1.postJson)(`${api.url}/reference/prompt-parser/parse`, { prompt: 'x' });
        strict_1.default.equal(parsed.status, 404);
        const created = await (0, http_client_1.postJson)(`${api.url}/create-track`, {
            prompt: 'queued by the API, run by the worker',
        });
        strict_1.default.equal(created.status, 202);
        strict_1.default.equal((await (0, http_client_1.requestJson)(`${api.url}/jobs/${created.body.job_id}`)).status, 200);
    });
});
//# sourceMappingURL=roles.e2e.js.map