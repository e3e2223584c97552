"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RATE = void 0;
exports.toneSequence = toneSequence;
exports.squareWave = squareWave;
exports.RATE = 48_000;
function toneSequence(tones, { frequency = 1000, channels = 2, phase = 0, sampleRate = exports.RATE, fadeSeconds = 0 } = {}) {
    const frames = tones.reduce((sum, t) => sum + Math.round(t.seconds * sampleRate), 0);
    const signal = new Float32Array(frames);
    let n = 0;
    for (const tone of tones) {
        const amplitude = 10 ** (tone.dbfs / 20);
        const end = n + Math.round(tone.seconds * sampleRate);
        for (; n < end; n++)
            signal[n] = amplitude * Math.sin((2 * Math.PI * frequency * n) / sampleRate + phase);
    }
    const fade = Math.round(fadeSeconds * sampleRate);
    for (let i = 0; i < fade && i < frames; i++) {
        const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
        signal[i] *= gain;
        signal[frames - 1 - i] *= gain;
    }
    return Array.from({ length: channels }, () => signal.slice());
}
function squareWave(frequency, seconds, amplitude = 1, sampleRate = exports.RATE) {
    const frames = Math.round(seconds * sampleRate);
    const signal = new Float32Array(frames);
    const period = sampleRate / frequency;
    for (let n = 0; n < frames; n++)
        signal[n] = n % period < period / 2 ? amplitude : -amplitude;
    return [signal, signal.slice()];
}
//# sourceMappingURL=test-signals.js.map