"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const synthetic_music_1 = require("../../../test/support/synthetic-music");
const analyze_audio_1 = require("./analyze-audio");
const FLATS = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };
function sameKey(a, b) {
    if (a === null)
        return false;
    const [tonicA, modeA] = a.split(' ');
    const [tonicB, modeB] = b.split(' ');
    return (modeA === modeB && (0, synthetic_music_1.pitchClass)(FLATS[tonicA] ?? tonicA) === (0, synthetic_music_1.pitchClass)(FLATS[tonicB] ?? tonicB));
}
(0, node_test_1.describe)('key of a reference', () => {
    const cases = [
        ['C', 'major'],
        ['G', 'major'],
        ['A#', 'major'],
        ['F#', 'major'],
        ['A', 'minor'],
        ['E', 'minor'],
        ['C#', 'minor'],
        ['F', 'minor'],
    ];
    (0, node_test_1.it)('names the key and mode of chord progressions over drums', () => {
        for (const [tonic, mode] of cases) {
            for (const voicing of ['keys', 'pad']) {
                const bpm = 96;
                const track = (0, synthetic_music_1.mix)((0, synthetic_music_1.chords)({ bpm, seconds: 20, tonic, mode, voicing }), (0, synthetic_music_1.drums)({ bpm, seconds: 20 }, 'dense'));
                const key = (0, analyze_audio_1.analyzeAudio)({ sampleRate: synthetic_music_1.SYNTH_RATE, channels: [track] }).key;
                strict_1.default.ok(sameKey(key, (0, synthetic_music_1.keyName)(tonic, mode)), `${(0, synthetic_music_1.keyName)(tonic, mode)} (${voicing}) read as ${key}`);
            }
        }
    });
    (0, node_test_1.it)('spells keys as a key signature does', () => {
        const track = (0, synthetic_music_1.chords)({ bpm: 90, seconds: 12, tonic: 'A#', mode: 'major' });
        strict_1.default.equal((0, analyze_audio_1.analyzeAudio)({ sampleRate: synthetic_music_1.SYNTH_RATE, channels: [track] }).key, 'Bb major');
    });
    (0, node_test_1.it)('has no key for silence, and a pad alone reads its key or the relative one', () => {
        const silent = (0, analyze_audio_1.analyzeAudio)({
            sampleRate: synthetic_music_1.SYNTH_RATE,
            channels: [new Float32Array(synthetic_music_1.SYNTH_RATE * 4)],
        });
        strict_1.default.equal(silent.key, null);
        const minor = (0, synthetic_music_1.chords)({ bpm: 80, seconds: 16, tonic: 'D', mode: 'minor', voicing: 'pad' });
        const key = (0, analyze_audio_1.analyzeAudio)({ sampleRate: synthetic_music_1.SYNTH_RATE, channels: [minor] }).key;
        strict_1.default.ok(sameKey(key, 'D minor') || sameKey(key, (0, synthetic_music_1.relativeKey)('D', 'minor')), `D minor read as ${key}`);
    });
});
//# sourceMappingURL=key.spec.js.map