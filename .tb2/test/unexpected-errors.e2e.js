"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const UNEXPECTED = 'Unexpected error in the run of a job';
(0, node_test_1.describe)('an unexpected error in the run of a job', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({ app: false, resetStubEachTest: true });
    let app;
    (0, node_test_1.before)(async () => {
        app = await harness.startProcess('unexpected-errors', { LOG_LEVEL: 'info' });
    });
    const logOf = (jobId) => app.output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .filter((line) => line.job_id === jobId);
    (0, node_test_1.it)('fails the job with a clear message after 3 runs, each logged with job_id; a retry gets 3 more', async () => {
        const { stubs } = harness;
        stubs.script('parse', () => ({
            body: {
                tempo: 100,
                key: 'C minor',
                genre: 'lo-fi',
                instruments: ['piano'],
                style_references: [],
                mood: 'chill\u0000',
            },
        }));
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'a chill beat',
        });
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        const jobId = res.body.job_id;
        const job = await (0, http_client_1.waitForJob)(app.url, jobId, undefined, 30_000);
        strict_1.default.equal(job.status, 'FAILURE', JSON.stringify(job));
        strict_1.default.equal(job.error?.step, 'parse_prompt');
        strict_1.default.equal(job.error?.message, 'an unexpected internal error ended 3 runs of this job, so it was given up (the server log has the details under its job_id)');
        strict_1.default.equal(job.result?.step, 'Parsing Prompt');
        strict_1.default.equal(job.steps.find((s) => s.name === 'parse_prompt')?.status, 'FAILED');
        strict_1.default.ok(!JSON.stringify(job).includes('Unicode'), 'the database error stays in the log');
        strict_1.default.equal(stubs.callsTo('parse', jobId).length, 3, 'one call per run, three runs');
        strict_1.default.equal(stubs.callsTo('generate', jobId).length, 0);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const errors = logOf(jobId).filter((line) => line.msg === UNEXPECTED);
        strict_1.default.equal(errors.length, 3, 'one error line per run');
        for (const line of errors) {
            strict_1.default.equal(line.step, 'parse_prompt');
            strict_1.default.match(String(line.err), /22P05.*unsupported Unicode escape sequence/);
        }
        strict_1.default.ok(logOf(jobId).some((line) => String(line.msg).startsWith('Job failed: an unexpected')), 'the failure is logged');
        const retry = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/retry`, { method: 'POST' });
        strict_1.default.equal(retry.status, 202, JSON.stringify(retry.body));
        const again = await (0, http_client_1.waitForJob)(app.url, jobId, (j) => j.status === 'FAILURE' && stubs.callsTo('parse', jobId).length > 3, 30_000);
        strict_1.default.match(again.error?.message ?? '', /^an unexpected internal error ended 3 runs/);
        strict_1.default.equal(stubs.callsTo('parse', jobId).length, 6);
    });
});
//# sourceMappingURL=unexpected-errors.e2e.js.map