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
const generation_1 = require("../src/embedded-services/generation");
const mixer_1 = require("../src/embedded-services/mixer");
function barsAt(tempo, seconds) {
    return ((seconds - generation_1.TAIL_SECONDS - mixer_1.TAIL_SECONDS) * tempo) / 240;
}
const SHORT_TRACK_SECONDS = 8;
(0, node_test_1.describe)('a job through the embedded reference services', () => {
    const files = new file_server_1.FileServer();
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({ stub: false, helpers: [files] });
    (0, node_test_1.it)('goes from POST to SUCCESS with a downloadable 24-bit 48 kHz WAV, and the row says the same', async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
        });
        strict_1.default.equal(created.status, 202);
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id, undefined, 30_000);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const url = job.result?.final_track_url ?? '';
        strict_1.default.ok(url.startsWith(`${app.url}/artifacts/output/`), url);
        const download = await fetch(url);
        strict_1.default.equal(download.status, 200);
        strict_1.default.equal(download.headers.get('content-type'), 'audio/wav');
        const wav = Buffer.from(await download.arrayBuffer());
        const format = (0, wav_fixture_1.wavFormat)(wav);
        strict_1.default.deepEqual({ rate: format.sampleRate, bits: format.bitDepth, channels: format.channels }, { rate: 48_000, bits: 24, channels: 2 });
        const seconds = format.dataBytes / (48_000 * 3 * 2);
        strict_1.default.ok(seconds >= SHORT_TRACK_SECONDS, `${seconds} s`);
        const bars = barsAt(100, seconds);
        strict_1.default.ok(Math.abs(bars - Math.round(bars)) < 0.01, `${bars} bars at 100 bpm`);
        const parsed = job.steps.find((s) => s.name === 'parse_prompt');
        strict_1.default.equal(parsed.status, 'SUCCEEDED');
        const [step] = await env.sql("SELECT output FROM job_steps WHERE job_id = $1 AND step = 'parse_prompt'", [job.job_id]);
        strict_1.default.equal(step.output.tempo, 100);
        strict_1.default.equal(step.output.genre, 'lo-fi hip hop');
        strict_1.default.deepEqual(step.output.instruments, ['piano', 'drums']);
        const [row] = await env.sql('SELECT status, result FROM jobs WHERE id = $1', [job.job_id]);
        strict_1.default.equal(row.status, 'SUCCESS');
        strict_1.default.ok(url.endsWith(row.result.final_track_url), 'the row stores the same download path');
    });
    (0, node_test_1.it)('analyses a reference track and follows its tempo when the prompt has none', async () => {
        const reference = files.serve('/reference.wav', (0, wav_fixture_1.clickTrackWav)(12, 120));
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'dark techno with bass and drums',
            reference_track_url: reference,
        });
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id, undefined, 30_000);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const [analysis] = await env.sql("SELECT output FROM job_steps WHERE job_id = $1 AND step = 'analyze_style'", [job.job_id]);
        strict_1.default.ok(Math.abs(analysis.output.tempo - 120) <= 3, `tempo ${analysis.output.tempo}`);
        strict_1.default.equal(analysis.output.segments[analysis.output.segments.length - 1].end_time, 12);
        const master = await fetch(job.result?.final_track_url ?? '');
        const format = (0, wav_fixture_1.wavFormat)(Buffer.from(await master.arrayBuffer()));
        const seconds = format.dataBytes / (48_000 * 3 * 2);
        strict_1.default.ok(seconds >= SHORT_TRACK_SECONDS, `${seconds} s`);
        const bars = barsAt(analysis.output.tempo, seconds);
        strict_1.default.ok(Math.abs(bars - Math.round(bars)) < 0.01, `${bars} bars at the analysed tempo`);
    });
    (0, node_test_1.it)('keeps the embedded services to their contracts', async () => {
        const empty = await (0, http_client_1.postJson)(`${app.url}/reference/prompt-parser/parse`, {
            prompt: '   ',
        });
        strict_1.default.equal(empty.status, 400);
        const noStems = await (0, http_client_1.postJson)(`${app.url}/reference/mixing-mastering/process`, { stem_paths: [] });
        strict_1.default.equal(noStems.status, 400);
        const outside = await (0, http_client_1.postJson)(`${app.url}/reference/mixing-mastering/process`, { stem_paths: ['/etc/passwd'] });
        strict_1.default.equal(outside.status, 400);
        strict_1.default.match(outside.body.detail, /^stem_paths\[0\] "\/etc\/passwd" is outside/);
        const form = new FormData();
        form.set('file', new Blob([Buffer.from('not audio at all')]), 'x.wav');
        const bad = await (0, http_client_1.requestJson)(`${app.url}/reference/style-analysis/analyze`, { method: 'POST', body: form });
        strict_1.default.equal(bad.status, 422);
        strict_1.default.match(bad.body.detail, /could not decode audio/);
        const defaults = await (0, http_client_1.postJson)(`${app.url}/reference/sound-generation/generate`, {
            prompt_spec: { tempo: null, key: null, genre: null, instruments: [], mood: null },
        });
        strict_1.default.equal(defaults.status, 200);
        strict_1.default.deepEqual(Object.keys(defaults.body.stems), ['drums', 'bass', 'synth', 'lead']);
        const first = await (0, http_client_1.postJson)(`${app.url}/reference/sound-generation/generate`, { prompt_spec: { instruments: ['piano'] } }, { 'idempotency-key': 'k1' });
        const replay = await (0, http_client_1.postJson)(`${app.url}/reference/sound-generation/generate`, { prompt_spec: { instruments: ['piano'] } }, { 'idempotency-key': 'k1' });
        strict_1.default.deepEqual(replay.body, first.body, 'the same Idempotency-Key gets the first answer');
    });
});
//# sourceMappingURL=embedded.e2e.js.map