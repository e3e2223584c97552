"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const analyze_audio_1 = require("./analysis/analyze-audio");
const mixer_1 = require("./mixer");
const prompt_parser_1 = require("./prompt-parser");
const stem_synth_1 = require("./stem-synth");
const wav_1 = require("./wav");
(0, node_test_1.describe)('prompt parser', () => {
    (0, node_test_1.it)('reads the contract example', () => {
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.'), {
            tempo: 100,
            key: null,
            genre: 'lo-fi hip hop',
            instruments: ['piano', 'drums'],
            style_references: [],
            mood: 'chill',
        });
    });
    (0, node_test_1.it)('reads keys, references and plural or synonym instruments', () => {
        const spec = (0, prompt_parser_1.parsePrompt)('Dark techno in F# minor at 128 BPM with synths and an 808, in the style of Daft Punk');
        strict_1.default.equal(spec.key, 'F# minor');
        strict_1.default.equal(spec.tempo, 128);
        strict_1.default.equal(spec.genre, 'techno');
        strict_1.default.deepEqual(spec.instruments, ['synth', 'bass', 'drums']);
        strict_1.default.deepEqual(spec.style_references, ['Daft Punk']);
        strict_1.default.equal(spec.mood, 'dark');
        strict_1.default.equal((0, prompt_parser_1.parsePrompt)('jazz ballad in Bb major').key, 'Bb major');
    });
    (0, node_test_1.it)('leaves what the prompt does not say empty', () => {
        strict_1.default.deepEqual((0, prompt_parser_1.parsePrompt)('something nice'), {
            tempo: null,
            key: null,
            genre: null,
            instruments: [],
            style_references: [],
            mood: null,
        });
    });
});
(0, node_test_1.describe)('wav', () => {
    (0, node_test_1.it)('round-trips 16 and 24 bit within quantisation error', () => {
        const channel = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.8);
        for (const bits of [16, 24]) {
            const decoded = (0, wav_1.decodeWav)((0, wav_1.encodeWav)({ sampleRate: 44_100, channels: [channel, channel] }, bits));
            strict_1.default.equal(decoded.sampleRate, 44_100);
            strict_1.default.equal(decoded.channels.length, 2);
            const error = Math.max(...decoded.channels[1].map((v, i) => Math.abs(v - channel[i])));
            strict_1.default.ok(error < 2 ** -(bits - 2), `${bits}-bit error ${error}`);
        }
    });
    (0, node_test_1.it)('refuses what is not a WAV file', () => {
        strict_1.default.throws(() => (0, wav_1.decodeWav)(Buffer.from('ID3 this is an mp3')), wav_1.InvalidAudioError);
    });
});
(0, node_test_1.describe)('analysis, generation and mastering', () => {
    (0, node_test_1.it)('generates stems of bars * 4 beats at the tempo, and finds that tempo again', () => {
        const drums = (0, stem_synth_1.renderStem)('drums', { tempo: 120, key: 'A minor', mood: null }, 8);
        strict_1.default.equal(drums.channels[0].length, 16 * stem_synth_1.STEM_SAMPLE_RATE);
        const features = (0, analyze_audio_1.analyzeAudio)(drums);
        strict_1.default.ok(Math.abs((features.tempo ?? 0) - 120) <= 3, `tempo ${features.tempo}`);
        strict_1.default.equal(features.segments[features.segments.length - 1].end_time, 16);
    });
    (0, node_test_1.it)('hears the key of a chord progression', () => {
        const piano = (0, stem_synth_1.renderStem)('piano', { tempo: 90, key: 'A minor', mood: null }, 8);
        const pad = (0, stem_synth_1.renderStem)('pad', { tempo: 90, key: 'A minor', mood: null }, 8);
        const key = (0, analyze_audio_1.analyzeAudio)((0, mixer_1.mixAndMaster)([piano, pad])).key;
        strict_1.default.ok(key === 'A minor' || key === 'C major', `relative keys share a scale; got ${key}`);
    });
    (0, node_test_1.it)('masters to about -14 LUFS with peaks at or below -1 dBFS', () => {
        const stems = ['drums', 'bass', 'synth', 'lead'].map((i) => (0, stem_synth_1.renderStem)(i, { tempo: 100, key: 'C minor', mood: null }, 4));
        const master = (0, mixer_1.mixAndMaster)(stems);
        const peak = Math.max(...master.channels.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
        strict_1.default.ok(peak <= mixer_1.CEILING + 1e-6, `peak ${peak}`);
        const loudness = (0, mixer_1.integratedLoudness)(master.channels);
        strict_1.default.ok(Math.abs(loudness - mixer_1.TARGET_LUFS) < 1.5, `loudness ${loudness}`);
    });
});
//# sourceMappingURL=embedded-services.spec.js.map