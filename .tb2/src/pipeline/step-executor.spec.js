"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const step_executor_1 = require("./step-executor");
const analyze_style_1 = require("./steps/analyze-style");
const parse_prompt_1 = require("./steps/parse-prompt");
const options = { timeoutMs: 1_000, idempotencyKey: 'job-1:step' };
const track = { bytes: Buffer.from('RIFF'), filename: 'ref.wav', contentType: 'audio/wav' };
function recordingExecutor() {
    const calls = [];
    const clients = {
        for: (step) => ({
            postJson: (body) => {
                calls.push(['postJson', step.service?.name, body]);
                return Promise.resolve({ from: step.name });
            },
            postFile: (file) => {
                calls.push(['postFile', step.service?.name, file.filename]);
                return Promise.resolve({ from: step.name });
            },
        }),
    };
    const referenceTracks = {
        fetch: (url) => {
            calls.push(['fetch', url]);
            return Promise.resolve(track);
        },
    };
    return { calls, executor: new step_executor_1.StepExecutor(clients, referenceTracks) };
}
(0, node_test_1.describe)('StepExecutor', () => {
    (0, node_test_1.it)('posts a service step its input through that service', async () => {
        const { calls, executor } = recordingExecutor();
        const output = await executor.execute(parse_prompt_1.parsePrompt, { prompt: 'a beat' }, options);
        strict_1.default.deepEqual(output, { from: 'parse_prompt' });
        strict_1.default.deepEqual(calls, [['postJson', 'prompt-parser', { prompt: 'a beat' }]]);
    });
    (0, node_test_1.it)('runs the calls of a step that makes several: download, then upload', async () => {
        const { calls, executor } = recordingExecutor();
        await executor.execute(analyze_style_1.analyzeStyle, { reference_track_url: 'http://a/ref.wav' }, options);
        strict_1.default.deepEqual(calls, [
            ['fetch', 'http://a/ref.wav'],
            ['postFile', 'style-analysis', 'ref.wav'],
        ]);
    });
    (0, node_test_1.it)('runs a step with no service locally, calling nothing', async () => {
        const { calls, executor } = recordingExecutor();
        const localStep = {
            ...parse_prompt_1.parsePrompt,
            service: undefined,
            run: (input) => Promise.resolve({ echoed: input }),
        };
        strict_1.default.deepEqual(await executor.execute(localStep, 7, options), { echoed: 7 });
        strict_1.default.deepEqual(calls, []);
    });
});
//# sourceMappingURL=step-executor.spec.js.map