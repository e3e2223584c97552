"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BUS_GLUE = void 0;
exports.gainComputer = gainComputer;
exports.compress = compress;
exports.BUS_GLUE = {
    thresholdDb: -20,
    ratio: 2,
    kneeDb: 6,
    attackSeconds: 0.015,
    releaseSeconds: 0.2,
    rmsSeconds: 0.03,
};
const CONTROL_FRAMES = 16;
function gainComputer(levelDb, s) {
    const over = levelDb - s.thresholdDb;
    const slope = 1 / s.ratio - 1;
    if (2 * over < -s.kneeDb)
        return 0;
    if (2 * Math.abs(over) <= s.kneeDb)
        return (slope * (over + s.kneeDb / 2) ** 2) / (2 * s.kneeDb);
    return slope * over;
}
function compress(channels, sampleRate, settings = exports.BUS_GLUE) {
    const frames = channels[0]?.length ?? 0;
    const coefficient = (seconds) => Math.exp(-1 / (seconds * sampleRate));
    const rms = coefficient(settings.rmsSeconds);
    const attack = coefficient(settings.attackSeconds);
    const release = coefficient(settings.releaseSeconds);
    const out = channels.map(() => new Float32Array(frames));
    let power = 0;
    let reductionDb = 0;
    let deepest = 0;
    let gain = 1;
    for (let start = 0; start < frames; start += CONTROL_FRAMES) {
        const end = Math.min(frames, start + CONTROL_FRAMES);
        for (let n = start; n < end; n++) {
            let square = 0;
            for (const channel of channels)
                square = Math.max(square, channel[n] * channel[n]);
            power = rms * power + (1 - rms) * square;
        }
        const target = gainComputer(10 * Math.log10(power + 1e-12), settings);
        const k = (target < reductionDb ? attack : release) ** (end - start);
        reductionDb = k * reductionDb + (1 - k) * target;
        if (reductionDb < deepest)
            deepest = reductionDb;
        const next = 10 ** (reductionDb / 20);
        const step = (next - gain) / (end - start);
        for (let n = start; n < end; n++) {
            gain += step;
            for (let c = 0; c < channels.length; c++)
                out[c][n] = channels[c][n] * gain;
        }
        gain = next;
    }
    return { channels: out, maxReductionDb: -deepest };
}
//# sourceMappingURL=compressor.js.map