"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const limiter_1 = require("./limiter");
const loudness_1 = require("./loudness");
const loudness_target_1 = require("./loudness-target");
const test_signals_1 = require("./test-signals");
const true_peak_1 = require("./true-peak");
(0, node_test_1.describe)('true-peak limiter', () => {
    (0, node_test_1.it)('brings a full-scale square wave under -1 dBTP', () => {
        const square = (0, test_signals_1.squareWave)(1000, 2);
        strict_1.default.ok((0, true_peak_1.toDb)((0, true_peak_1.truePeak)(square)) > 0, 'the square wave has inter-sample overs to begin with');
        const { channels } = (0, limiter_1.limitTruePeak)({
            channels: square,
            sampleRate: test_signals_1.RATE,
            gain: 1,
            ceiling: (0, true_peak_1.fromDb)(-1.2),
        });
        const peak = (0, true_peak_1.toDb)((0, true_peak_1.truePeak)(channels));
        strict_1.default.ok(peak <= -1, `true peak ${peak.toFixed(2)} dBTP`);
    });
    (0, node_test_1.it)('catches a fs/4 tone whose samples sit 3 dB under its true peak', () => {
        const tone = (0, test_signals_1.toneSequence)([{ seconds: 1, dbfs: 0 }], {
            frequency: test_signals_1.RATE / 4,
            phase: Math.PI / 4,
        });
        const { channels } = (0, limiter_1.limitTruePeak)({
            channels: tone,
            sampleRate: test_signals_1.RATE,
            gain: 1,
            ceiling: (0, true_peak_1.fromDb)(-1.2),
        });
        strict_1.default.ok((0, true_peak_1.toDb)((0, true_peak_1.truePeak)(channels)) <= -1);
    });
    (0, node_test_1.it)('leaves a signal under the ceiling exactly as it was', () => {
        const tone = (0, test_signals_1.toneSequence)([{ seconds: 1, dbfs: -6 }]);
        const { channels, maxReductionDb } = (0, limiter_1.limitTruePeak)({
            channels: tone,
            sampleRate: test_signals_1.RATE,
            gain: 1,
            ceiling: (0, true_peak_1.fromDb)(-1),
        });
        strict_1.default.equal(maxReductionDb, 0);
        strict_1.default.deepEqual(channels[0], tone[0]);
    });
    (0, node_test_1.it)('releases smoothly: no gain step larger than 0.05 dB between samples', () => {
        const signal = (0, test_signals_1.toneSequence)([
            { seconds: 0.5, dbfs: -20 },
            { seconds: 0.05, dbfs: 0 },
            { seconds: 0.5, dbfs: -20 },
        ], { frequency: 200 });
        const { channels } = (0, limiter_1.limitTruePeak)({
            channels: signal,
            sampleRate: test_signals_1.RATE,
            gain: 1,
            ceiling: (0, true_peak_1.fromDb)(-6),
        });
        let previous;
        let largestStep = 0;
        for (let n = 0; n < signal[0].length; n++) {
            if (Math.abs(signal[0][n]) < 0.05)
                continue;
            const gainDb = (0, true_peak_1.toDb)(channels[0][n] / signal[0][n]);
            if (previous !== undefined) {
                const perSample = Math.abs(gainDb - previous.gainDb) / (n - previous.n);
                largestStep = Math.max(largestStep, perSample);
            }
            previous = { n, gainDb };
        }
        strict_1.default.ok(largestStep < 0.05, `largest gain step ${largestStep.toFixed(3)} dB per sample`);
    });
});
(0, node_test_1.describe)('loudness normalisation', () => {
    (0, node_test_1.it)('brings a -9 LUFS / 0 dBTP master to -14 LUFS and under -1 dBTP', () => {
        const hot = (0, test_signals_1.squareWave)(110, 10, 0.5).map((channel, c) => {
            const out = new Float32Array(channel.length);
            for (let n = 0; n < out.length; n++)
                out[n] = channel[n] * 0.6 + 0.4 * Math.sin((2 * Math.PI * (440 + c * 3) * n) / test_signals_1.RATE);
            return out;
        });
        const result = (0, loudness_target_1.normaliseLoudness)(hot, test_signals_1.RATE);
        strict_1.default.ok(result);
        strict_1.default.ok(Math.abs((0, loudness_1.integratedLoudness)(result.channels, test_signals_1.RATE) + 14) <= 0.1);
        strict_1.default.ok((0, true_peak_1.toDb)((0, true_peak_1.truePeak)(result.channels)) <= -1.2 + 1e-6);
    });
    (0, node_test_1.it)('converges when the target needs heavy limiting (a crest factor of 20 dB)', () => {
        const frames = test_signals_1.RATE * 8;
        const signal = new Float32Array(frames);
        for (let n = 0; n < frames; n++) {
            signal[n] = 0.05 * Math.sin((2 * Math.PI * 300 * n) / test_signals_1.RATE);
            if (n % (test_signals_1.RATE / 4) < 200)
                signal[n] += 0.9 * Math.sin((2 * Math.PI * 2000 * n) / test_signals_1.RATE);
        }
        const result = (0, loudness_target_1.normaliseLoudness)([signal, signal.slice()], test_signals_1.RATE);
        strict_1.default.ok(result);
        strict_1.default.ok(Math.abs(result.loudnessLufs + 14) <= 0.5, `loudness ${result.loudnessLufs}`);
        strict_1.default.ok(result.truePeakDbtp <= -1.2 + 1e-6);
    });
    (0, node_test_1.it)('has nothing to normalise in silence', () => {
        strict_1.default.equal((0, loudness_target_1.normaliseLoudness)([new Float32Array(test_signals_1.RATE), new Float32Array(test_signals_1.RATE)], test_signals_1.RATE), undefined);
    });
});
//# sourceMappingURL=limiter.spec.js.map