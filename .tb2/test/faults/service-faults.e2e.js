"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const contract_stub_1 = require("../support/contract-stub");
const file_server_1 = require("../support/file-server");
const http_client_1 = require("../support/http-client");
const orchestrator_process_1 = require("../support/orchestrator-process");
const use_orchestrator_1 = require("../support/use-orchestrator");
const wav_fixture_1 = require("../support/wav-fixture");
const scenario_1 = require("./scenario");
(0, node_test_1.describe)('fault suite: services, cancel, retry, idempotency', () => {
    const files = new file_server_1.FileServer();
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: scenario_1.FAULT_SUITE_STUB,
        helpers: [files],
        app: false,
        resetStubEachTest: true,
        processesPerTest: true,
    });
    const { env, stubs: stub } = harness;
    const start = (name, extra = {}) => harness.startProcess(name, extra);
    (0, node_test_1.it)('services answering 503 on about 20% of calls: every job succeeds', async () => {
        const app = await start('all');
        stub.fault = (call) => call.n <= 2 && (0, contract_stub_1.hashUnit)(`${call.n}:${call.key}`) < 0.2
            ? { status: 503, body: { detail: 'busy' } }
            : undefined;
        const reference = files.serve('/reference.wav', (0, wav_fixture_1.clickTrackWav)(2));
        const ids = await (0, scenario_1.createJobs)(app.url, 60, 'flaky', {
            body: (i) => (i % 2 === 0 ? { reference_track_url: reference } : {}),
        });
        (0, scenario_1.expectOutcome)('503-20pct', await (0, scenario_1.settle)(env, ids, stub), { succeeded: 60 });
        const faulted = stub.faultsByService();
        const analyzed = stub.calls.filter((c) => c.service === 'analyze' && c.outcome === 'executed');
        strict_1.default.equal(analyzed.length, 30, 'style analysis ran once for each job with a reference');
        for (const service of ['parse', 'analyze', 'generate', 'process'])
            strict_1.default.ok(faulted[service] > 0, `${service} answered 503 at least once`);
        const [retried] = await env.sql('SELECT count(*)::int AS n FROM job_steps WHERE job_id = ANY($1) AND attempts > 1', [ids]);
        strict_1.default.ok(retried.n > 0, 'some steps needed a retry');
    });
    const runOne = async (app, prompt) => (0, http_client_1.waitForJob)(app.url, (await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt })).body.job_id);
    (0, node_test_1.it)('a 400 fails the job at once, with that step and the service message', async () => {
        const app = await start('all');
        stub.fault = ({ service, prompt }) => prompt === 'reject' && service === 'generate'
            ? { status: 400, body: { detail: 'unsupported instrument' } }
            : undefined;
        const job = await runOne(app, 'reject');
        strict_1.default.deepEqual([job.status, job.error?.step], ['FAILURE', 'generate_sound']);
        strict_1.default.equal(job.result?.error, 'sound-generation answered 400: unsupported instrument');
        strict_1.default.equal(stub.callsFor(job.job_id, 'generate_sound').length, 1, 'a 400 is not retried');
        strict_1.default.equal(stub.callsFor(job.job_id, 'mix_master').length, 0, 'no later step ran');
        (0, scenario_1.expectOutcome)('service-400', await (0, scenario_1.settle)(env, [job.job_id], stub), { failed: 1 });
    });
    (0, node_test_1.it)('a service hanging past its timeout is aborted, retried, then fails the job', async () => {
        const app = await start('all', {
            SOUND_GENERATION_TIMEOUT_MS: '300',
            SOUND_GENERATION_ATTEMPTS: '2',
        });
        stub.fault = ({ service, prompt }) => prompt === 'hang' && service === 'generate' ? { hangMs: 2_000 } : undefined;
        const job = await runOne(app, 'hang');
        strict_1.default.deepEqual([job.status, job.error?.step], ['FAILURE', 'generate_sound']);
        strict_1.default.match(job.error?.message ?? '', /timed out after 300 ms \(gave up after 2 attempts\)/);
        const calls = stub.callsFor(job.job_id, 'generate_sound');
        strict_1.default.deepEqual(calls.map((c) => c.outcome), ['aborted', 'aborted'], 'each timed-out call was hung up on');
        (0, scenario_1.expectOutcome)('service-hang', await (0, scenario_1.settle)(env, [job.job_id], stub), { failed: 1 });
    });
    (0, node_test_1.it)('malformed JSON fails the job at once, with that step', async () => {
        const app = await start('all');
        stub.fault = ({ service, prompt }) => prompt === 'garbled' && service === 'process' ? { raw: '<html>oops' } : undefined;
        const job = await runOne(app, 'garbled');
        strict_1.default.deepEqual([job.status, job.error?.step], ['FAILURE', 'mix_master']);
        strict_1.default.match(job.error?.message ?? '', /malformed response: not JSON/);
        strict_1.default.equal(stub.callsFor(job.job_id, 'mix_master').length, 1, 'not retried');
        (0, scenario_1.expectOutcome)('service-malformed-json', await (0, scenario_1.settle)(env, [job.job_id], stub), { failed: 1 });
    });
    (0, node_test_1.it)('a refused connection is retried, then fails the job with that step', async () => {
        const closed = await (0, orchestrator_process_1.freePort)();
        const app = await start('all', {
            MIXING_MASTERING_URL: `http://127.0.0.1:${closed}/process`,
            MIXING_MASTERING_ATTEMPTS: '2',
        });
        const job = await runOne(app, 'refused');
        strict_1.default.deepEqual([job.status, job.error?.step], ['FAILURE', 'mix_master']);
        strict_1.default.match(job.error?.message ?? '', /connection failed: ECONNREFUSED/);
        strict_1.default.match(job.error?.message ?? '', /gave up after 2 attempts/);
        (0, scenario_1.expectOutcome)('service-connection-refused', await (0, scenario_1.settle)(env, [job.job_id], stub), {
            failed: 1,
        });
    });
    (0, node_test_1.it)('cancel: a waiting job never reaches a service; a running one stops within 2 s; a finished one is 409', async () => {
        const api = await start('api', { APP_ROLE: 'api' });
        const waitingId = (await (0, http_client_1.postJson)(`${api.url}/create-track`, { prompt: 'waiting' })).body.job_id;
        const cancelled = await (0, http_client_1.requestJson)(`${api.url}/jobs/${waitingId}/cancel`, {
            method: 'POST',
        });
        strict_1.default.equal(cancelled.status, 202);
        strict_1.default.equal(cancelled.body.status, 'CANCELLED');
        await start('worker', { APP_ROLE: 'worker' });
        stub.fault = ({ service, prompt }) => prompt === 'slow' && service === 'generate' ? { hangMs: 10_000 } : undefined;
        const runningId = (await (0, http_client_1.postJson)(`${api.url}/create-track`, { prompt: 'slow' })).body.job_id;
        await (0, http_client_1.waitForJob)(api.url, runningId, (job) => job.current_step === 'generate_sound' && job.status === 'PROCESSING');
        await new Promise((resolve) => setTimeout(resolve, 200));
        const requestedAt = Date.now();
        const cancel = await (0, http_client_1.requestJson)(`${api.url}/jobs/${runningId}/cancel`, { method: 'POST' });
        strict_1.default.equal(cancel.status, 202);
        const stopped = await (0, http_client_1.waitForJob)(api.url, runningId, (job) => job.status === 'CANCELLED', 2_000);
        strict_1.default.ok(Date.now() - requestedAt < 2_000);
        strict_1.default.equal(stopped.result?.error, 'Job was cancelled');
        const doneId = (await (0, scenario_1.createJobs)(api.url, 1, 'finished'))[0];
        await (0, http_client_1.waitForJob)(api.url, doneId);
        const late = await (0, http_client_1.requestJson)(`${api.url}/jobs/${doneId}/cancel`, {
            method: 'POST',
        });
        strict_1.default.equal(late.status, 409);
        strict_1.default.equal(late.body.status, 'SUCCESS');
        await new Promise((resolve) => setTimeout(resolve, 500));
        strict_1.default.equal(stub.callsFor(waitingId).length, 0, 'the cancelled waiting job was never run');
        strict_1.default.equal(stub.callsFor(runningId, 'mix_master').length, 0, 'no step after the cancel ran');
        strict_1.default.equal(stub.callsFor(runningId, 'generate_sound')[0]?.outcome, 'aborted', 'the in-flight call was aborted');
        (0, scenario_1.expectOutcome)('cancel', await (0, scenario_1.settle)(env, [waitingId, runningId, doneId], stub), {
            succeeded: 1,
            cancelled: 2,
        });
    });
    (0, node_test_1.it)('retry after a failure resumes from the failed step; retry of a success is 409', async () => {
        const app = await start('all');
        let rejecting = true;
        stub.fault = ({ service, prompt }) => rejecting && prompt === 'resume me' && service === 'generate'
            ? { status: 422, body: { detail: 'model offline' } }
            : undefined;
        const id = (await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'resume me' })).body.job_id;
        const failed = await (0, http_client_1.waitForJob)(app.url, id);
        strict_1.default.equal(failed.status, 'FAILURE');
        rejecting = false;
        const retry = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/retry`, {
            method: 'POST',
        });
        strict_1.default.equal(retry.status, 202);
        const done = await (0, http_client_1.waitForJob)(app.url, id, (job) => job.status === 'SUCCESS' || job.status === 'FAILURE');
        strict_1.default.equal(done.status, 'SUCCESS');
        strict_1.default.equal(stub.callsFor(id, 'parse_prompt').length, 1, 'the completed step was not called again');
        strict_1.default.equal(stub.callsFor(id, 'generate_sound').length, 2);
        const again = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/retry`, {
            method: 'POST',
        });
        strict_1.default.equal(again.status, 409);
        (0, scenario_1.expectOutcome)('retry-resume', await (0, scenario_1.settle)(env, [id], stub), { succeeded: 1 });
    });
    (0, node_test_1.it)('two concurrent creates with the same Idempotency-Key make one job', async () => {
        const app = await start('all');
        const headers = { 'idempotency-key': 'fault-dup-1' };
        const results = await Promise.all(Array.from({ length: 2 }, () => (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'once' }, headers)));
        strict_1.default.deepEqual(results.map((r) => r.status).sort(), [200, 202]);
        strict_1.default.equal(results[0].body.job_id, results[1].body.job_id);
        const conflict = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'twice' }, headers);
        strict_1.default.equal(conflict.status, 422);
        const rows = await env.sql("SELECT id FROM jobs WHERE idempotency_key = 'fault-dup-1'");
        strict_1.default.equal(rows.length, 1);
        (0, scenario_1.expectOutcome)('idempotent-create', await (0, scenario_1.settle)(env, [rows[0].id], stub), { succeeded: 1 });
    });
});
//# sourceMappingURL=service-faults.e2e.js.map