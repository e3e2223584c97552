"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_test_1 = require("node:test");
const wav_1 = require("../src/embedded-services/wav");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const wav_fixture_1 = require("./support/wav-fixture");
const PROMPTS = [
    'moody trip-hop in C minor at 90 bpm with piano, bass and drums',
    'sunny reggae in A major, 75 BPM, guitar and organ',
];
function rms(channels) {
    let sum = 0;
    for (const channel of channels)
        for (const x of channel)
            sum += x * x;
    return Math.sqrt(sum / (channels.length * channels[0].length));
}
(0, node_test_1.describe)('music from the embedded services', () => {
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        env: { EMBEDDED_TRACK_SECONDS: '30' },
    });
    (0, node_test_1.it)('makes tracks of at least 30 s with a sounding stem for every instrument of the prompt', async () => {
        const created = await Promise.all(PROMPTS.map((prompt) => (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt })));
        for (const [index, { body }] of created.entries()) {
            const job = await (0, http_client_1.waitForJob)(app.url, body.job_id, undefined, 120_000);
            strict_1.default.equal(job.status, 'SUCCESS', `${PROMPTS[index]}: ${JSON.stringify(job.error)}`);
            const master = await fetch(job.result?.final_track_url ?? '');
            const format = (0, wav_fixture_1.wavFormat)(Buffer.from(await master.arrayBuffer()));
            const seconds = format.dataBytes / (format.sampleRate * format.channels * 3);
            strict_1.default.ok(seconds >= 30, `${PROMPTS[index]}: ${seconds} s`);
            const outputs = await env.sql("SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('parse_prompt', 'generate_sound')", [body.job_id]);
            const spec = outputs.find((o) => o.step === 'parse_prompt')?.output;
            const stems = (outputs.find((o) => o.step === 'generate_sound')?.output).stems;
            strict_1.default.deepEqual(Object.keys(stems).sort(), [...spec.instruments].sort());
            for (const [instrument, path] of Object.entries(stems)) {
                const audio = (0, wav_1.decodeWav)(await (0, promises_1.readFile)(path));
                strict_1.default.ok(audio.channels[0].length / audio.sampleRate >= 30, `${instrument} length`);
                strict_1.default.ok(rms(audio.channels) > 0.01, `${instrument} is silent`);
            }
        }
    });
});
//# sourceMappingURL=music.e2e.js.map