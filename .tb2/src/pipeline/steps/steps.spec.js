"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const pg_1 = require("pg");
const artifact_kind_1 = require("../../artifacts/artifact-kind");
const index_1 = require("./index");
const parse_prompt_1 = require("./parse-prompt");
const spec = {
    tempo: 100,
    key: 'C minor',
    genre: 'lo-fi hip hop',
    instruments: ['piano', 'drums'],
    style_references: ['Nujabes'],
    mood: 'chill',
};
const style = { tempo: 92.3, key: 'A minor', segments: [] };
function step(name) {
    const found = index_1.STEPS.find((s) => s.name === name);
    strict_1.default.ok(found);
    return found;
}
(0, node_test_1.describe)('steps', () => {
    (0, node_test_1.it)('has a new STEP_LIST_VERSION for every change of the list', () => {
        strict_1.default.deepEqual(index_1.STEP_LIST_HISTORY[index_1.STEP_LIST_VERSION], index_1.STEP_NAMES);
        strict_1.default.deepEqual(Object.keys(index_1.STEP_LIST_HISTORY).map(Number), Array.from({ length: index_1.STEP_LIST_VERSION }, (_, i) => i + 1));
    });
    (0, node_test_1.it)('starts every job with the step the claim starts, whose input is the prompt alone', () => {
        for (const reference_track_url of [null, 'http://a/b.wav']) {
            const [first] = (0, index_1.stepsFor)({ prompt: 'a beat', reference_track_url });
            strict_1.default.equal(first.name, index_1.FIRST_STEP.name);
            strict_1.default.deepEqual(first.input({ prompt: 'a beat', reference_track_url }, {}), {
                prompt: 'a beat',
            });
        }
    });
    (0, node_test_1.it)('skips style analysis without a reference track', () => {
        const names = (0, index_1.stepsFor)({ prompt: 'x', reference_track_url: null }).map((s) => s.name);
        strict_1.default.deepEqual(names, ['parse_prompt', 'generate_sound', 'mix_master']);
        const withRef = (0, index_1.stepsFor)({ prompt: 'x', reference_track_url: 'http://a/b.wav' }).map((s) => s.name);
        strict_1.default.deepEqual(withRef, ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master']);
    });
    (0, node_test_1.it)('maps the parsed prompt to the generation request, without style features when there is no reference', () => {
        const input = step('generate_sound').input({ prompt: 'x', reference_track_url: null }, { parse_prompt: spec });
        strict_1.default.deepEqual(input, {
            prompt_spec: {
                tempo: 100,
                key: 'C minor',
                genre: 'lo-fi hip hop',
                instruments: ['piano', 'drums'],
                mood: 'chill',
            },
        });
    });
    (0, node_test_1.it)('passes style features on when there is a reference track', () => {
        const input = step('generate_sound').input({ prompt: 'x', reference_track_url: 'http://a/b.wav' }, { parse_prompt: spec, analyze_style: style });
        strict_1.default.deepEqual(input.style_features, style);
    });
    (0, node_test_1.it)('sends every stem path to mixing, and refuses to run without the earlier output', () => {
        const outputs = {
            generate_sound: { job_id: 'g', stems: { piano: '/s/p.wav', drums: '/s/d.wav' } },
        };
        strict_1.default.deepEqual(step('mix_master').input({ prompt: 'x', reference_track_url: null }, outputs), {
            stem_paths: ['/s/p.wav', '/s/d.wav'],
        });
        strict_1.default.throws(() => step('mix_master').input({ prompt: 'x', reference_track_url: null }, {}), /generate_sound/);
    });
    (0, node_test_1.it)('labels steps as the original clients expect', () => {
        strict_1.default.equal((0, index_1.stepLabel)('parse_prompt'), 'Parsing Prompt');
        strict_1.default.equal((0, index_1.stepLabel)('analyze_style'), 'Analyzing Style');
        strict_1.default.equal((0, index_1.stepLabel)('generate_sound'), 'Generating Sound');
        strict_1.default.equal((0, index_1.stepLabel)('mix_master'), 'Mixing and Mastering');
    });
    (0, node_test_1.it)('takes the final track from the mastered output_path', () => {
        strict_1.default.equal(index_1.FINAL_TRACK.step.name, 'mix_master');
        const mastered = index_1.FINAL_TRACK.step.validate({ output_path: '/output/m.wav', message: 'ok' });
        strict_1.default.equal(mastered[index_1.FINAL_TRACK.field], '/output/m.wav');
    });
});
(0, node_test_1.describe)('the step list check', () => {
    const local = (name, envPrefix, final = false) => ({
        name,
        label: name,
        envPrefix,
        policy: { timeoutMs: 1, attempts: 1, baseDelayMs: 0 },
        input: () => ({}),
        run: () => Promise.resolve({}),
        validate: (body) => body,
        artifacts: final ? [{ kind: artifact_kind_1.ArtifactKind.Final, field: 'path' }] : [],
    });
    (0, node_test_1.it)('accepts the pipeline', () => {
        (0, index_1.checkStepList)(index_1.STEPS);
    });
    (0, node_test_1.it)('refuses a name or prefix used twice, and anything but one final track', () => {
        strict_1.default.throws(() => (0, index_1.checkStepList)([local('a', 'A'), local('a', 'B', true)]), /step a is listed twice/);
        strict_1.default.throws(() => (0, index_1.checkStepList)([local('a', 'A', true), local('b', 'A')]), /prefix A is used by two steps/);
        strict_1.default.throws(() => (0, index_1.checkStepList)([local('a', 'A')]), /one step must produce the final track/);
        strict_1.default.throws(() => (0, index_1.checkStepList)([local('a', 'A', true), local('b', 'B', true)]), /found 2/);
    });
});
(0, node_test_1.describe)("the claim's SQL for the first step's input", () => {
    const db = new pg_1.Client({
        connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    (0, node_test_1.before)(() => db.connect());
    (0, node_test_1.after)(() => db.end());
    (0, node_test_1.it)('builds in PostgreSQL exactly what the TypeScript mapping returns', async () => {
        const prompts = [
            'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
            `quotes ' and " and \\ backslash, {"json": [1]}`,
            'multi\nline\ttabs, ünïcödé, 🎹 and 𝄞',
            '',
        ];
        for (const prompt of prompts) {
            for (const reference_track_url of [null, 'https://example.com/ref.wav']) {
                const { rows } = await db.query(`SELECT ${index_1.FIRST_STEP.inputSql} AS input
             FROM (VALUES ($1::text, $2::text)) AS j(prompt, reference_track_url)`, [prompt, reference_track_url]);
                strict_1.default.deepEqual(rows[0].input, parse_prompt_1.parsePrompt.input({ prompt, reference_track_url }));
            }
        }
        strict_1.default.equal(index_1.FIRST_STEP.inputSql, parse_prompt_1.parsePrompt.claimInputSql);
    });
});
//# sourceMappingURL=steps.spec.js.map