"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PLATE = void 0;
exports.reverb = reverb;
const biquad_1 = require("./biquad");
const COMB_DELAYS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASS_DELAYS = [556, 441, 341, 225];
const STEREO_SPREAD = 23;
const ALLPASS_FEEDBACK = 0.5;
exports.PLATE = { roomSize: 0.78, damping: 0.35, preDelaySeconds: 0.02 };
function tail(input, sampleRate, settings, spread) {
    const scale = sampleRate / 44_100;
    const feedback = 0.7 + 0.28 * settings.roomSize;
    const damp = settings.damping;
    const preDelay = Math.round(settings.preDelaySeconds * sampleRate);
    const frames = input.length;
    const out = new Float32Array(frames);
    for (const base of COMB_DELAYS) {
        const length = Math.round((base + spread) * scale);
        const buffer = new Float32Array(length);
        let index = 0;
        let filtered = 0;
        for (let n = 0; n < frames; n++) {
            const x = n >= preDelay ? input[n - preDelay] : 0;
            const delayed = buffer[index];
            filtered = delayed * (1 - damp) + filtered * damp;
            buffer[index] = x + filtered * feedback;
            out[n] += delayed;
            if (++index === length)
                index = 0;
        }
    }
    for (const base of ALLPASS_DELAYS) {
        const length = Math.round((base + spread) * scale);
        const buffer = new Float32Array(length);
        let index = 0;
        for (let n = 0; n < frames; n++) {
            const delayed = buffer[index];
            const x = out[n];
            buffer[index] = x + delayed * ALLPASS_FEEDBACK;
            out[n] = delayed - x;
            if (++index === length)
                index = 0;
        }
    }
    for (let n = 0; n < frames; n++)
        out[n] *= 0.125;
    return out;
}
function reverb(send, sampleRate, settings = exports.PLATE) {
    const band = (0, biquad_1.filter)(send, (0, biquad_1.lowPass)(sampleRate / 5, 0.707, sampleRate));
    const half = new Float32Array(Math.ceil(send.length / 2));
    for (let i = 0; i < half.length; i++)
        half[i] = band[2 * i];
    return [0, STEREO_SPREAD].map((spread) => {
        const wet = tail(half, sampleRate / 2, settings, spread);
        const out = new Float32Array(send.length);
        for (let n = 0; n < out.length; n++) {
            const i = n >> 1;
            out[n] = n % 2 === 0 ? wet[i] : (wet[i] + (wet[i + 1] ?? 0)) / 2;
        }
        return out;
    });
}
//# sourceMappingURL=reverb.js.map