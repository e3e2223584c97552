"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MASTER_TARGET = void 0;
exports.normaliseLoudness = normaliseLoudness;
const limiter_1 = require("./limiter");
const loudness_1 = require("./loudness");
const true_peak_1 = require("./true-peak");
exports.MASTER_TARGET = { lufs: -14, ceilingDbtp: -1.2, toleranceLu: 0.05 };
const MAX_PASSES = 8;
const ENVELOPE_HEADROOM_DB = 6;
function normaliseLoudness(channels, sampleRate, target = exports.MASTER_TARGET) {
    const measured = (0, loudness_1.integratedLoudness)(channels, sampleRate);
    if (!Number.isFinite(measured))
        return undefined;
    let gainDb = target.lufs - measured;
    let ceiling = (0, true_peak_1.fromDb)(target.ceilingDbtp);
    let exactAbove = Infinity;
    let envelope = new Float32Array(0);
    for (let passes = 1; passes <= MAX_PASSES; passes++) {
        const floor = ceiling / (0, true_peak_1.fromDb)(gainDb);
        if (floor < exactAbove) {
            exactAbove = floor / (0, true_peak_1.fromDb)(ENVELOPE_HEADROOM_DB);
            envelope = (0, true_peak_1.truePeakEnvelope)(channels, exactAbove);
        }
        const limited = (0, limiter_1.limitTruePeak)({
            channels,
            sampleRate,
            gain: (0, true_peak_1.fromDb)(gainDb),
            ceiling,
            envelope,
        });
        const loudnessLufs = (0, loudness_1.integratedLoudness)(limited.channels, sampleRate);
        if (Math.abs(loudnessLufs - target.lufs) > target.toleranceLu && passes < MAX_PASSES) {
            gainDb += target.lufs - loudnessLufs;
            continue;
        }
        const truePeakDbtp = (0, true_peak_1.toDb)((0, true_peak_1.truePeak)(limited.channels));
        const result = {
            channels: limited.channels,
            gainDb,
            limiterReductionDb: limited.maxReductionDb,
            loudnessLufs,
            truePeakDbtp,
            passes,
        };
        if (truePeakDbtp <= target.ceilingDbtp + 1e-6)
            return result;
        if (passes === MAX_PASSES)
            return underCeiling(result, target.ceilingDbtp);
        ceiling *= (0, true_peak_1.fromDb)(target.ceilingDbtp - truePeakDbtp - 0.02);
    }
    throw new Error('unreachable: the last pass returns');
}
function underCeiling(result, ceilingDbtp) {
    const excessDb = result.truePeakDbtp - ceilingDbtp;
    const gain = (0, true_peak_1.fromDb)(-excessDb - 0.01);
    return {
        ...result,
        channels: result.channels.map((channel) => channel.map((v) => v * gain)),
        gainDb: result.gainDb - excessDb - 0.01,
        loudnessLufs: result.loudnessLufs - excessDb - 0.01,
        truePeakDbtp: ceilingDbtp - 0.01,
    };
}
//# sourceMappingURL=loudness-target.js.map