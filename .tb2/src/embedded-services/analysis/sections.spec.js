"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const synthetic_music_1 = require("../../../test/support/synthetic-music");
const analyze_audio_1 = require("./analyze-audio");
function abaPiece(bpm, bars) {
    const seconds = (bars * 4 * 60) / bpm;
    const a = () => (0, synthetic_music_1.mix)((0, synthetic_music_1.drums)({ bpm, seconds }, 'dense'), (0, synthetic_music_1.chords)({ bpm, seconds, tonic: 'C', mode: 'major' }));
    const b = (0, synthetic_music_1.mix)((0, synthetic_music_1.drums)({ bpm, seconds }, 'sparse'), (0, synthetic_music_1.chords)({ bpm, seconds, tonic: 'A', mode: 'minor', voicing: 'pad' }));
    return { samples: (0, synthetic_music_1.concatenate)(a(), b, a()), sectionSeconds: seconds };
}
(0, node_test_1.describe)('sections of a reference', () => {
    (0, node_test_1.it)('cuts an A/B/A piece where its sections change, within two beats, and labels A twice', () => {
        for (const [bpm, bars] of [
            [70, 8],
            [93, 8],
            [120, 8],
            [160, 16],
        ]) {
            const { samples, sectionSeconds } = abaPiece(bpm, bars);
            const segments = (0, analyze_audio_1.analyzeAudio)({ sampleRate: synthetic_music_1.SYNTH_RATE, channels: [samples] }).segments;
            const beat = 60 / bpm;
            const what = `${bpm} BPM: ${JSON.stringify(segments)}`;
            strict_1.default.equal(segments.length, 3, what);
            strict_1.default.ok(Math.abs(segments[1].start_time - sectionSeconds) <= 2 * beat, what);
            strict_1.default.ok(Math.abs(segments[2].start_time - 2 * sectionSeconds) <= 2 * beat, what);
            strict_1.default.equal(segments[0].start_time, 0);
            strict_1.default.ok(Math.abs(segments[2].end_time - 3 * sectionSeconds) < 0.01, what);
            strict_1.default.equal(segments[0].label, segments[2].label, what);
            strict_1.default.notEqual(segments[0].label, segments[1].label, what);
        }
    });
    (0, node_test_1.it)('keeps a steady loop in one section, whatever its length', () => {
        const bpm = 110;
        const loop = (0, synthetic_music_1.mix)((0, synthetic_music_1.drums)({ bpm, seconds: 40 }, 'dense'), (0, synthetic_music_1.chords)({ bpm, seconds: 40, tonic: 'G', mode: 'major' }));
        const segments = (0, analyze_audio_1.analyzeAudio)({ sampleRate: synthetic_music_1.SYNTH_RATE, channels: [loop] }).segments;
        strict_1.default.equal(segments.length, 1, JSON.stringify(segments));
        strict_1.default.deepEqual([segments[0].start_time, segments[0].end_time], [0, 40]);
    });
});
//# sourceMappingURL=sections.spec.js.map