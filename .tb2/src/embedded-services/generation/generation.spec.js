"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const prompt_parser_1 = require("../prompt-parser");
const generation_request_1 = require("../generation-request");
const wav_1 = require("../wav");
const _1 = require(".");
const dsp_1 = require("./dsp");
function request(overrides = {}) {
    return {
        instruments: ['drums', 'bass', 'piano', 'lead'],
        tempo: 100,
        key: 'C minor',
        genre: 'trip-hop',
        mood: 'dark',
        seed: 42,
        seconds: 30,
        ...overrides,
    };
}
(0, node_test_1.describe)('generation', () => {
    (0, node_test_1.it)('renders the same bytes for the same seed and another take for another seed', () => {
        const short = request({ seconds: 8 });
        const first = (0, wav_1.encodeWav)((0, _1.renderStem)((0, _1.compose)(short), 'lead'), 16);
        const again = (0, wav_1.encodeWav)((0, _1.renderStem)((0, _1.compose)(short), 'lead'), 16);
        const other = (0, wav_1.encodeWav)((0, _1.renderStem)((0, _1.compose)({ ...short, seed: 43 }), 'lead'), 16);
        strict_1.default.ok(first.equals(again), 'the same seed renders identical bytes');
        strict_1.default.ok(!first.equals(other), 'another seed is another take');
    });
    for (const tempo of [60, 90, 128, 180]) {
        (0, node_test_1.it)(`arranges at least 30 s in whole bars at ${tempo} BPM, intro to outro`, () => {
            const score = (0, _1.compose)(request({ tempo }));
            strict_1.default.ok(score.seconds >= 30, `${score.seconds} s`);
            strict_1.default.equal(score.tempo, tempo);
            strict_1.default.equal(score.sections[0].name, 'intro');
            strict_1.default.equal(score.sections[score.sections.length - 1].name, 'outro');
            const names = score.sections.map((s) => s.name);
            strict_1.default.ok(names.includes('verse') && names.includes('chorus'), names.join(' '));
            const audio = (0, _1.renderStem)(score, 'bass');
            strict_1.default.equal(audio.channels[0].length, Math.round(score.seconds * dsp_1.SAMPLE_RATE));
        });
    }
    (0, node_test_1.it)('makes exactly the spec instruments, or drums, bass, synth and lead when it names none', () => {
        const take = { seed: 1, seconds: 8 };
        const named = (0, generation_request_1.compositionRequest)({ instruments: ['guitar', 'organ', 'drums', 'bass'], genre: 'reggae' }, null, take);
        strict_1.default.deepEqual((0, _1.compose)(named).parts.map((p) => p.instrument), ['guitar', 'organ', 'drums', 'bass']);
        const none = (0, generation_request_1.compositionRequest)({ instruments: [] }, null, take);
        strict_1.default.deepEqual((0, _1.compose)(none).parts.map((p) => p.instrument), ['drums', 'bass', 'synth', 'lead']);
    });
    (0, node_test_1.it)("follows the reference's tempo and key when the prompt names neither, the prompt's when it does", () => {
        const style = { tempo: 93, key: 'E minor', segments: [] };
        const take = { seed: 1, seconds: 8 };
        const followed = (0, _1.compose)((0, generation_request_1.compositionRequest)({ tempo: null, key: null }, style, take));
        strict_1.default.equal(followed.tempo, 93);
        strict_1.default.equal(followed.key, 'E minor');
        const named = (0, _1.compose)((0, generation_request_1.compositionRequest)({ tempo: 140, key: 'A major' }, style, take));
        strict_1.default.equal(named.tempo, 140);
        strict_1.default.equal(named.key, 'A major');
    });
    (0, node_test_1.it)('gives drums real envelopes: every kick decays to a fraction before the next hit', () => {
        const score = (0, _1.compose)(request({ seconds: 8, genre: 'house', tempo: 124 }));
        const drums = (0, _1.renderStem)(score, 'drums').channels[0];
        const kicks = score.parts[0].hits.filter((h) => h.voice === 'kick').map((h) => h.time);
        let checked = 0;
        for (let k = 0; k + 1 < kicks.length; k++) {
            const start = Math.round(kicks[k] * dsp_1.SAMPLE_RATE);
            const gap = Math.round((kicks[k + 1] - kicks[k]) * dsp_1.SAMPLE_RATE);
            if (gap < dsp_1.SAMPLE_RATE * 0.3)
                continue;
            const rms = (from, to) => {
                let sum = 0;
                for (let i = from; i < to; i++)
                    sum += drums[i] ** 2;
                return Math.sqrt(sum / (to - from));
            };
            const attack = rms(start, start + 2400);
            const tail = rms(start + gap - 2400, start + gap);
            strict_1.default.ok(tail < attack / 3, `kick ${k}: ${tail} after ${attack}`);
            checked++;
        }
        strict_1.default.ok(checked >= 4, `checked ${checked} kicks`);
    });
    (0, node_test_1.it)('gives the lead a melody: many pitches, moving mostly by step', () => {
        const score = (0, _1.compose)(request());
        const lead = score.parts.find((p) => p.instrument === 'lead');
        const pitches = lead?.notes.map((n) => n.midi) ?? [];
        strict_1.default.ok(pitches.length >= 16, `${pitches.length} notes`);
        strict_1.default.ok(new Set(pitches).size >= 5, `pitches ${[...new Set(pitches)].join(' ')}`);
        const steps = pitches.slice(1).map((p, i) => Math.abs(p - pitches[i]));
        const small = steps.filter((s) => s <= 4).length;
        strict_1.default.ok(small / steps.length > 0.6, `steps ${steps.join(' ')}`);
    });
    (0, node_test_1.it)('keeps every chord in the key: C minor pieces use its seven notes', () => {
        const score = (0, _1.compose)(request({ genre: 'pop', key: 'C minor' }));
        const scale = new Set([0, 2, 3, 5, 7, 8, 10]);
        for (const part of score.parts)
            for (const note of part.notes)
                if (part.role !== 'bass')
                    strict_1.default.ok(scale.has(note.midi % 12), `${part.instrument} ${note.midi}`);
    });
});
(0, node_test_1.describe)('prompt parser genre implications', () => {
    (0, node_test_1.it)('adds the backbone a genre implies to the named instruments', () => {
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('moody trip-hop in C minor at 90 bpm with piano, bass and drums').instruments, ['piano', 'drums', 'bass']);
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('sunny reggae in A major, 75 BPM, guitar and organ').instruments, [
            'guitar',
            'organ',
            'drums',
            'bass',
        ]);
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('a hip hop track with a piano').instruments, ['piano', 'drums']);
    });
    (0, node_test_1.it)("gives a genre's band when the prompt names no instrument, nothing without a genre", () => {
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('some deep house please').instruments, [
            'drums',
            'bass',
            'piano',
            'pad',
        ]);
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('something nice').instruments, []);
    });
    (0, node_test_1.it)('leaves tempo and key null unless named, so a reference can set them', () => {
        const spec = (0, prompt_parser_1.parsePrompt)('moody trip-hop with piano');
        strict_1.default.equal(spec.tempo, null);
        strict_1.default.equal(spec.key, null);
        strict_1.default.equal(spec.genre, 'trip-hop');
        strict_1.default.equal(spec.mood, 'dark');
        strict_1.default.equal((0, prompt_parser_1.parsePrompt)('sunny reggae').mood, 'sunny');
    });
    (0, node_test_1.it)('reads an electric piano as one instrument, not also a piano', () => {
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('jazz with electric piano').instruments, ['electric piano']);
    });
});
//# sourceMappingURL=generation.spec.js.map