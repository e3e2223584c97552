"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const file_server_1 = require("./support/file-server");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const wav_fixture_1 = require("./support/wav-fixture");
const TIMEOUT_MS = 300;
const MAX_BYTES = 100_000;
const ATTEMPTS = 2;
(0, node_test_1.describe)('reference track downloads that go wrong', () => {
    const files = new file_server_1.FileServer();
    const { env, stubs, app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [files],
        env: {
            REFERENCE_TRACK_TIMEOUT_MS: String(TIMEOUT_MS),
            REFERENCE_TRACK_MAX_BYTES: String(MAX_BYTES),
            STYLE_ANALYSIS_ATTEMPTS: String(ATTEMPTS),
        },
        resetStubEachTest: true,
    });
    async function runWithReference(url) {
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'a house track like my reference',
            reference_track_url: url,
        });
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        return (0, http_client_1.waitForJob)(app.url, res.body.job_id);
    }
    async function assertFailedAtStyle(job, error, attempts) {
        strict_1.default.equal(job.status, 'FAILURE', JSON.stringify(job));
        strict_1.default.equal(job.result?.step, 'Analyzing Style');
        strict_1.default.match(job.result?.error ?? '', error);
        const step = job.steps.find((s) => s.name === 'analyze_style');
        strict_1.default.equal(step?.status, 'FAILED');
        strict_1.default.equal(step?.attempts, attempts, 'attempts of the download');
        strict_1.default.equal(stubs.callsTo('analyze').length, 0, 'nothing is uploaded to style analysis');
        strict_1.default.equal(stubs.callsTo('generate').length, 0, 'the job stops at the failed step');
        const [row] = await env.sql('SELECT status, error FROM jobs WHERE id = $1', [job.job_id]);
        strict_1.default.equal(row.status, 'FAILURE');
        strict_1.default.equal(row.error.step, 'analyze_style');
        strict_1.default.equal(row.error.message, job.result?.error, 'the row says what the API says');
        const health = await (0, http_client_1.requestJson)(`${app.url}/`);
        strict_1.default.equal(health.status, 200, 'the server is still up');
    }
    (0, node_test_1.it)('a server that never answers: a timeout, retried, then a clear error', async () => {
        const job = await runWithReference(files.hang('/never-answers.wav'));
        await assertFailedAtStyle(job, new RegExp(`^could not download the reference track: timed out after ${TIMEOUT_MS} ms \\(gave up after ${ATTEMPTS} attempts\\)$`), ATTEMPTS);
    });
    (0, node_test_1.it)('a refused connection: retried, then a clear error', async () => {
        const job = await runWithReference(await (0, file_server_1.closedPortUrl)('/ref.wav'));
        await assertFailedAtStyle(job, new RegExp(`^could not download the reference track: connection failed: ECONNREFUSED .*\\(gave up after ${ATTEMPTS} attempts\\)$`), ATTEMPTS);
    });
    (0, node_test_1.it)('an endless body without Content-Length: the streaming cap stops it, without retrying', async () => {
        const url = files.serveChunked('/endless.wav', (0, wav_fixture_1.clickTrackWav)(0.5).subarray(0, 16_384), Infinity);
        const job = await runWithReference(url);
        await assertFailedAtStyle(job, new RegExp(`^could not download the reference track: file is larger than the ${MAX_BYTES}-byte limit$`), 1);
        strict_1.default.ok(files.bytesSent('/endless.wav') < 100 * MAX_BYTES, 'the download was cut short');
    });
    (0, node_test_1.it)('a finite body over the cap without Content-Length fails the same way', async () => {
        const wav = (0, wav_fixture_1.clickTrackWav)(5);
        strict_1.default.ok(wav.length > MAX_BYTES);
        const job = await runWithReference(files.serveChunked('/big.wav', wav, 1));
        await assertFailedAtStyle(job, /file is larger than the 100000-byte limit$/, 1);
    });
    (0, node_test_1.it)('HTML served as audio/wav: "not audio", without retrying', async () => {
        const page = Buffer.from('<!doctype html><html><body><h1>Sign in</h1></body></html>');
        const job = await runWithReference(files.serve('/login.wav', page, 'audio/wav'));
        await assertFailedAtStyle(job, /^the reference track is not audio: its bytes are not WAV, MP3, FLAC, OGG, AIFF or M4A \(served as audio\/wav, \d+ bytes\)$/, 1);
    });
    (0, node_test_1.it)('a real WAV still goes through to SUCCESS, uploaded as audio/wav whatever it was served as', async () => {
        const wav = (0, wav_fixture_1.clickTrackWav)(1);
        for (const [path, type] of [
            ['/ok.wav', 'audio/wav'],
            ['/download?id=7', 'application/octet-stream'],
        ]) {
            stubs.reset();
            const job = await runWithReference(files.serve(path, wav, type));
            strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job));
            const [upload] = stubs.callsTo('analyze');
            strict_1.default.match(upload.body, /Content-Type: audio\/wav/i);
            strict_1.default.ok(upload.body.includes(wav.subarray(0, 64).toString('latin1')), 'the WAV is uploaded');
            strict_1.default.deepEqual(job.steps.map((s) => [s.name, s.status, s.attempts]), [
                ['parse_prompt', 'SUCCEEDED', 1],
                ['analyze_style', 'SUCCEEDED', 1],
                ['generate_sound', 'SUCCEEDED', 1],
                ['mix_master', 'SUCCEEDED', 1],
            ]);
        }
    });
});
//# sourceMappingURL=reference-track.e2e.js.map