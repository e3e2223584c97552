"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RELATIVE_GATE_LU = exports.ABSOLUTE_GATE_LUFS = void 0;
exports.kWeighting = kWeighting;
exports.blockPowers = blockPowers;
exports.integratedLoudness = integratedLoudness;
exports.gatedLoudness = gatedLoudness;
const biquad_1 = require("./biquad");
exports.ABSOLUTE_GATE_LUFS = -70;
exports.RELATIVE_GATE_LU = -10;
const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1;
function kWeighting(sampleRate) {
    const f0 = 1681.974450955533;
    const gainDb = 3.999843853973347;
    const q = 0.7071752369554196;
    let k = Math.tan((Math.PI * f0) / sampleRate);
    const vh = 10 ** (gainDb / 20);
    const vb = vh ** 0.4996667741545416;
    let a0 = 1 + k / q + k * k;
    const shelf = {
        b0: (vh + (vb * k) / q + k * k) / a0,
        b1: (2 * (k * k - vh)) / a0,
        b2: (vh - (vb * k) / q + k * k) / a0,
        a1: (2 * (k * k - 1)) / a0,
        a2: (1 - k / q + k * k) / a0,
    };
    const f1 = 38.13547087602444;
    const q1 = 0.5003270373238773;
    k = Math.tan((Math.PI * f1) / sampleRate);
    a0 = 1 + k / q1 + k * k;
    const highPass = {
        b0: 1,
        b1: -2,
        b2: 1,
        a1: (2 * (k * k - 1)) / a0,
        a2: (1 - k / q1 + k * k) / a0,
    };
    return [shelf, highPass];
}
function channelWeight(index, count) {
    if (count < 6)
        return 1;
    if (index === 3)
        return 0;
    return index >= 4 ? 1.41 : 1;
}
const toLufs = (power) => -0.691 + 10 * Math.log10(power);
function blockPowers(channels, sampleRate) {
    const block = Math.round(BLOCK_SECONDS * sampleRate);
    const step = Math.round(STEP_SECONDS * sampleRate);
    const frames = channels[0]?.length ?? 0;
    const count = frames < block ? 0 : Math.floor((frames - block) / step) + 1;
    const powers = new Float64Array(count);
    const stages = kWeighting(sampleRate);
    channels.forEach((channel, index) => {
        const weight = channelWeight(index, channels.length);
        if (weight === 0)
            return;
        const weighted = (0, biquad_1.filter)(channel, ...stages);
        const steps = Math.floor(frames / step);
        const stepSums = new Float64Array(steps);
        for (let s = 0; s < steps; s++) {
            let sum = 0;
            for (let i = s * step, end = i + step; i < end; i++)
                sum += weighted[i] * weighted[i];
            stepSums[s] = sum;
        }
        const perBlock = block / step;
        for (let b = 0; b < count; b++) {
            let sum = 0;
            for (let s = b; s < b + perBlock; s++)
                sum += stepSums[s];
            powers[b] += (weight * sum) / block;
        }
    });
    return powers;
}
function integratedLoudness(channels, sampleRate) {
    return gatedLoudness(blockPowers(channels, sampleRate));
}
function gatedLoudness(powers) {
    const mean = (values) => values.reduce((sum, p) => sum + p, 0) / values.length;
    const absolute = Array.from(powers).filter((p) => p > 0 && toLufs(p) > exports.ABSOLUTE_GATE_LUFS);
    if (absolute.length === 0)
        return -Infinity;
    const relativeGate = toLufs(mean(absolute)) + exports.RELATIVE_GATE_LU;
    return toLufs(mean(absolute.filter((p) => toLufs(p) > relativeGate)));
}
//# sourceMappingURL=loudness.js.map