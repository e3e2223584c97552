"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_BPM = exports.MIN_BPM = void 0;
exports.estimateTempo = estimateTempo;
const fft_1 = require("./fft");
exports.MIN_BPM = 50;
exports.MAX_BPM = 200;
const GRID_STEP_BPM = 0.05;
const HARMONICS = 4;
const PRIOR_CENTRE_BPM = 100;
const PRIOR_OCTAVES = 1.5;
const MIN_TRANSFORM = 65_536;
function periodicity({ envelope, frameRate }) {
    const n = envelope.length;
    let mean = 0;
    for (const v of envelope)
        mean += v / n;
    const size = Math.max(MIN_TRANSFORM, (0, fft_1.nextPowerOfTwo)(2 * n));
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let i = 0; i < n; i++)
        re[i] = envelope[i] - mean;
    (0, fft_1.fft)(re, im);
    const power = new Float64Array(size);
    for (let k = 0; k < size; k++)
        power[k] = re[k] * re[k] + im[k] * im[k];
    im.fill(0);
    (0, fft_1.ifft)(power, im);
    if (!(power[0] > 0))
        return null;
    const autocorrelation = new Float64Array(n);
    for (let lag = 0; lag < n; lag++)
        autocorrelation[lag] = (power[lag] / power[0]) * (n / (n - lag));
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < n; i++) {
        const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1 || 1));
        re[i] = (envelope[i] - mean) * window;
    }
    (0, fft_1.fft)(re, im);
    const magnitude = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++)
        magnitude[k] = Math.hypot(re[k], im[k]);
    return { magnitude, autocorrelation, size, frameRate };
}
function at(values, index) {
    const i = Math.floor(index);
    if (i < 0 || i + 1 >= values.length)
        return 0;
    const t = index - i;
    return values[i] * (1 - t) + values[i + 1] * t;
}
function salience(p, bpm) {
    const hz = bpm / 60;
    const period = (60 * p.frameRate) / bpm;
    let spectral = 0;
    let temporal = 0;
    for (let h = 1; h <= HARMONICS; h++) {
        spectral += at(p.magnitude, (h * hz * p.size) / p.frameRate);
        temporal += Math.max(0, at(p.autocorrelation, h * period));
    }
    return spectral * temporal;
}
function prior(bpm) {
    return Math.exp(-0.5 * (Math.log2(bpm / PRIOR_CENTRE_BPM) / PRIOR_OCTAVES) ** 2);
}
function estimateTempo(onsets) {
    const p = periodicity(onsets);
    if (!p)
        return null;
    const steps = Math.round((exports.MAX_BPM - exports.MIN_BPM) / GRID_STEP_BPM);
    const scores = new Float64Array(steps + 1);
    let best = -1;
    for (let i = 0; i <= steps; i++) {
        const bpm = exports.MIN_BPM + i * GRID_STEP_BPM;
        scores[i] = salience(p, bpm) * prior(bpm);
        if (best < 0 || scores[i] > scores[best])
            best = i;
    }
    if (!(scores[best] > 0))
        return null;
    let offset = 0;
    if (best > 0 && best < steps) {
        const [before, peak, after] = [scores[best - 1], scores[best], scores[best + 1]];
        const curvature = before - 2 * peak + after;
        if (curvature < 0)
            offset = (0.5 * (before - after)) / curvature;
    }
    return Math.round((exports.MIN_BPM + (best + offset) * GRID_STEP_BPM) * 10) / 10;
}
//# sourceMappingURL=tempo.js.map