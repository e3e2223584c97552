"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ANALYSIS_RATE = void 0;
exports.decimate = decimate;
exports.powerSpectrogram = powerSpectrogram;
const fft_1 = require("./fft");
exports.ANALYSIS_RATE = 11_025;
const FILTER_ZEROS = 4;
function decimate(samples, sampleRate) {
    const factor = Math.max(1, Math.round(sampleRate / exports.ANALYSIS_RATE));
    if (factor === 1)
        return { samples, rate: sampleRate };
    const half = FILTER_ZEROS * factor;
    const cutoff = 0.9 / (2 * factor);
    const taps = new Float64Array(2 * half + 1);
    let sum = 0;
    for (let i = -half; i <= half; i++) {
        const sinc = i === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * i) / (Math.PI * i);
        const window = 0.5 + 0.5 * Math.cos((Math.PI * i) / (half + 1));
        taps[i + half] = sinc * window;
        sum += sinc * window;
    }
    for (let i = 0; i < taps.length; i++)
        taps[i] /= sum;
    const out = new Float32Array(Math.floor(samples.length / factor));
    for (let n = 0; n < out.length; n++) {
        const centre = n * factor;
        const from = Math.max(0, centre - half);
        const to = Math.min(samples.length - 1, centre + half);
        let acc = 0;
        for (let i = from; i <= to; i++)
            acc += samples[i] * taps[i - centre + half];
        out[n] = acc;
    }
    return { samples: out, rate: sampleRate / factor };
}
const windows = new Map();
function hann(size) {
    let window = windows.get(size);
    if (!window) {
        window = Float64Array.from({ length: size }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
        windows.set(size, window);
    }
    return window;
}
function powerSpectrogram(signal, size, hop) {
    const { samples, rate } = signal;
    const frames = Math.max(1, Math.ceil(samples.length / hop));
    const bins = size / 2 + 1;
    const power = new Float32Array(frames * bins);
    const window = hann(size);
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    const load = (target, frame) => {
        const start = frame * hop - size / 2;
        for (let i = 0; i < size; i++) {
            const at = start + i;
            target[i] = frame < frames && at >= 0 && at < samples.length ? samples[at] * window[i] : 0;
        }
    };
    for (let f = 0; f < frames; f += 2) {
        load(re, f);
        load(im, f + 1);
        (0, fft_1.fft)(re, im);
        const first = f * bins;
        const second = (f + 1) * bins;
        const hasSecond = f + 1 < frames;
        for (let k = 0; k < bins; k++) {
            const mirror = (size - k) % size;
            const [ar, ai, br, bi] = [re[k], im[k], re[mirror], im[mirror]];
            power[first + k] = ((ar + br) ** 2 + (ai - bi) ** 2) / 4;
            if (hasSecond)
                power[second + k] = ((ai + bi) ** 2 + (ar - br) ** 2) / 4;
        }
    }
    return { power, frames, bins, size, hop, rate };
}
//# sourceMappingURL=spectrogram.js.map