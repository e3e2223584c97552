"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const synthetic_music_1 = require("../../../test/support/synthetic-music");
const analyze_audio_1 = require("./analyze-audio");
const TOLERANCE_BPM = 2;
function tempoOf(samples) {
    return (0, analyze_audio_1.analyzeAudio)({ sampleRate: synthetic_music_1.SYNTH_RATE, channels: [samples] }).tempo;
}
function assertTempo(actual, bpm, what) {
    strict_1.default.ok(actual !== null && Math.abs(actual - bpm) <= TOLERANCE_BPM, `${what}: ${bpm} BPM read as ${actual}`);
}
(0, node_test_1.describe)('tempo of a reference', () => {
    const seconds = 20;
    (0, node_test_1.it)('sparse: a kick on every beat with long gaps, 60 to 180 BPM', () => {
        for (const bpm of [60, 72, 93, 110, 128, 150, 174, 180]) {
            assertTempo(tempoOf((0, synthetic_music_1.drums)({ bpm, seconds }, 'sparse')), bpm, 'sparse kicks');
        }
    });
    (0, node_test_1.it)('dense: kick, snare and 16th hats over chords, read at the beat, not the 8ths', () => {
        for (const bpm of [60, 70, 85, 93, 100, 120, 140, 165, 180]) {
            const track = (0, synthetic_music_1.mix)((0, synthetic_music_1.drums)({ bpm, seconds }, 'dense'), (0, synthetic_music_1.chords)({ bpm, seconds, tonic: 'D', mode: 'minor' }));
            assertTempo(tempoOf(track), bpm, 'dense drums');
        }
    });
    (0, node_test_1.it)('harmony alone: chords struck on every beat, no drums', () => {
        for (const bpm of [66, 93, 124, 170]) {
            assertTempo(tempoOf((0, synthetic_music_1.chords)({ bpm, seconds, tonic: 'E', mode: 'major' })), bpm, 'chords');
        }
    });
    (0, node_test_1.it)('an ambient pad with a soft pulse at 70 BPM reads 70, not 117 or 140', () => {
        const bpm = 70;
        const track = (0, synthetic_music_1.mix)((0, synthetic_music_1.chords)({ bpm, seconds: 30, tonic: 'A', mode: 'minor', voicing: 'pad' }), (0, synthetic_music_1.drums)({ bpm, seconds: 30 }, 'soft-pulse'));
        assertTempo(tempoOf(track), bpm, 'ambient pad');
    });
    (0, node_test_1.it)('finds the same tempo at 48 kHz and in stereo', () => {
        const bpm = 93;
        const left = (0, synthetic_music_1.mix)((0, synthetic_music_1.drums)({ bpm, seconds, rate: 48_000 }, 'dense'), (0, synthetic_music_1.chords)({ bpm, seconds, tonic: 'C', mode: 'major', rate: 48_000 }));
        const right = Float32Array.from(left, (v) => 0.5 * v);
        assertTempo((0, analyze_audio_1.analyzeAudio)({ sampleRate: 48_000, channels: [left, right] }).tempo, bpm, '48 kHz stereo');
    });
    (0, node_test_1.it)('has no tempo for silence', () => {
        strict_1.default.equal(tempoOf(new Float32Array(synthetic_music_1.SYNTH_RATE * 5)), null);
    });
});
//# sourceMappingURL=tempo.spec.js.map