"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.filter = filter;
exports.highPass = highPass;
exports.lowPass = lowPass;
exports.peaking = peaking;
exports.lowShelf = lowShelf;
exports.highShelf = highShelf;
function filter(input, ...sections) {
    let signal = input;
    for (const { b0, b1, b2, a1, a2 } of sections) {
        const out = signal === input ? new Float32Array(input.length) : signal;
        let x1 = 0;
        let x2 = 0;
        let y1 = 0;
        let y2 = 0;
        for (let i = 0; i < signal.length; i++) {
            const x = signal[i];
            const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            out[i] = y;
        }
        signal = out;
    }
    return signal === input ? input.slice() : signal;
}
function normalise(b0, b1, b2, a0, a1, a2) {
    return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}
function omega(frequency, sampleRate) {
    const w = (2 * Math.PI * frequency) / sampleRate;
    return { cos: Math.cos(w), sin: Math.sin(w) };
}
function highPass(frequency, q, sampleRate) {
    const { cos, sin } = omega(frequency, sampleRate);
    const alpha = sin / (2 * q);
    return normalise((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
}
function lowPass(frequency, q, sampleRate) {
    const { cos, sin } = omega(frequency, sampleRate);
    const alpha = sin / (2 * q);
    return normalise((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
}
function peaking(frequency, q, gainDb, sampleRate) {
    const { cos, sin } = omega(frequency, sampleRate);
    const alpha = sin / (2 * q);
    const a = 10 ** (gainDb / 40);
    return normalise(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
}
function lowShelf(frequency, gainDb, sampleRate) {
    const { cos, sin } = omega(frequency, sampleRate);
    const a = 10 ** (gainDb / 40);
    const alpha = (sin / 2) * Math.SQRT2;
    const root = 2 * Math.sqrt(a) * alpha;
    return normalise(a * (a + 1 - (a - 1) * cos + root), 2 * a * (a - 1 - (a + 1) * cos), a * (a + 1 - (a - 1) * cos - root), a + 1 + (a - 1) * cos + root, -2 * (a - 1 + (a + 1) * cos), a + 1 + (a - 1) * cos - root);
}
function highShelf(frequency, gainDb, sampleRate) {
    const { cos, sin } = omega(frequency, sampleRate);
    const a = 10 ** (gainDb / 40);
    const alpha = (sin / 2) * Math.SQRT2;
    const root = 2 * Math.sqrt(a) * alpha;
    return normalise(a * (a + 1 + (a - 1) * cos + root), -2 * a * (a - 1 + (a + 1) * cos), a * (a + 1 + (a - 1) * cos - root), a + 1 - (a - 1) * cos + root, 2 * (a - 1 - (a + 1) * cos), a + 1 - (a - 1) * cos - root);
}
//# sourceMappingURL=biquad.js.map