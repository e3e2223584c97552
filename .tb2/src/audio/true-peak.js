"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fromDb = exports.toDb = exports.OVERSAMPLING = void 0;
exports.truePeakEnvelope = truePeakEnvelope;
exports.truePeak = truePeak;
exports.samplePeak = samplePeak;
exports.OVERSAMPLING = 4;
const TAPS_PER_PHASE = 12;
const BLOCK = 64;
const KAISER_BETA = 6;
function besselI0(x) {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 30; k++) {
        term *= (x / (2 * k)) ** 2;
        sum += term;
    }
    return sum;
}
function interpolationPhases(factor) {
    const half = TAPS_PER_PHASE / 2;
    const phases = [];
    for (let p = 0; p < factor; p++) {
        const fraction = p / factor;
        const taps = new Float64Array(TAPS_PER_PHASE);
        let sum = 0;
        for (let j = 0; j < TAPS_PER_PHASE; j++) {
            const t = j - half + 1 - fraction;
            const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            const r = t / half;
            const window = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r));
            taps[j] = (sinc * window) / besselI0(KAISER_BETA);
            sum += taps[j];
        }
        for (let j = 0; j < TAPS_PER_PHASE; j++)
            taps[j] /= sum;
        phases.push(taps);
    }
    return phases;
}
const INTERPOLATORS = new Map();
function interpolatorFor(factor) {
    let interpolator = INTERPOLATORS.get(factor);
    if (!interpolator) {
        const phases = interpolationPhases(factor);
        const bound = Math.max(1, ...phases.map((taps) => taps.reduce((s, t) => s + Math.abs(t), 0)));
        interpolator = { phases, bound };
        INTERPOLATORS.set(factor, interpolator);
    }
    return interpolator;
}
function blockPeaks(channel) {
    const peaks = new Float32Array(Math.ceil(channel.length / BLOCK));
    for (let i = 0; i < channel.length; i++) {
        const magnitude = Math.abs(channel[i]);
        const b = (i / BLOCK) | 0;
        if (magnitude > peaks[b])
            peaks[b] = magnitude;
    }
    return peaks;
}
function truePeakEnvelope(channels, floor = 0, factor = exports.OVERSAMPLING) {
    const frames = channels[0]?.length ?? 0;
    const envelope = new Float32Array(frames);
    const { phases, bound } = interpolatorFor(factor);
    const first = 1 - TAPS_PER_PHASE / 2;
    for (const channel of channels) {
        const peaks = blockPeaks(channel);
        for (let n = 0; n < frames; n++) {
            let peak = Math.abs(channel[n]);
            const b = (n / BLOCK) | 0;
            const near = Math.max(peaks[b], b > 0 ? peaks[b - 1] : 0, peaks[b + 1] ?? 0);
            if (near * bound < floor) {
                if (peak > envelope[n])
                    envelope[n] = peak;
                continue;
            }
            const start = n + first;
            const inside = start >= 0 && start + TAPS_PER_PHASE <= frames;
            if (factor === 4 && inside) {
                const h1 = phases[1];
                const h2 = phases[2];
                const h3 = phases[3];
                let v1 = 0;
                let v2 = 0;
                let v3 = 0;
                for (let j = 0; j < TAPS_PER_PHASE; j++) {
                    const x = channel[start + j];
                    v1 += h1[j] * x;
                    v2 += h2[j] * x;
                    v3 += h3[j] * x;
                }
                peak = Math.max(peak, Math.abs(v1), Math.abs(v2), Math.abs(v3));
            }
            else {
                for (let p = 1; p < factor; p++) {
                    const taps = phases[p];
                    let value = 0;
                    for (let j = 0; j < TAPS_PER_PHASE; j++) {
                        const index = start + j;
                        if (index >= 0 && index < frames)
                            value += taps[j] * channel[index];
                    }
                    peak = Math.max(peak, Math.abs(value));
                }
            }
            if (peak > envelope[n])
                envelope[n] = peak;
        }
    }
    return envelope;
}
function truePeak(channels, factor = exports.OVERSAMPLING) {
    let peak = 0;
    for (const value of truePeakEnvelope(channels, samplePeak(channels), factor))
        if (value > peak)
            peak = value;
    return peak;
}
function samplePeak(channels) {
    let peak = 0;
    for (const channel of channels)
        for (let i = 0; i < channel.length; i++) {
            const magnitude = Math.abs(channel[i]);
            if (magnitude > peak)
                peak = magnitude;
        }
    return peak;
}
const toDb = (linear) => 20 * Math.log10(linear);
exports.toDb = toDb;
const fromDb = (db) => 10 ** (db / 20);
exports.fromDb = fromDb;
//# sourceMappingURL=true-peak.js.map