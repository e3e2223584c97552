"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RELEASE_SECONDS = exports.LOOKAHEAD_SECONDS = void 0;
exports.limitTruePeak = limitTruePeak;
const true_peak_1 = require("./true-peak");
exports.LOOKAHEAD_SECONDS = 0.004;
exports.RELEASE_SECONDS = 0.12;
function limitTruePeak(input) {
    const { channels, sampleRate, gain, ceiling } = input;
    const frames = channels[0]?.length ?? 0;
    const envelope = input.envelope ?? (0, true_peak_1.truePeakEnvelope)(channels, ceiling / gain);
    const lookahead = Math.max(1, Math.round(exports.LOOKAHEAD_SECONDS * sampleRate));
    const release = Math.exp(-1 / (exports.RELEASE_SECONDS * sampleRate));
    const needed = new Float32Array(frames);
    for (let n = 0; n < frames; n++) {
        const peak = gain * Math.max(envelope[n], n > 0 ? envelope[n - 1] : 0);
        needed[n] = peak > ceiling ? ceiling / peak : 1;
    }
    const held = minimumAhead(needed, lookahead);
    const smoothed = new Float32Array(frames);
    let released = frames > 0 ? held[0] : 1;
    let sum = lookahead * released;
    const window = new Float64Array(lookahead).fill(released);
    let minimum = 1;
    for (let n = 0; n < frames; n++) {
        released = Math.min(held[n], 1 - (1 - released) * release);
        const slot = n % lookahead;
        sum += released - window[slot];
        window[slot] = released;
        smoothed[n] = sum / lookahead;
        if (smoothed[n] < minimum)
            minimum = smoothed[n];
    }
    return {
        channels: channels.map((channel) => {
            const out = new Float32Array(frames);
            for (let n = 0; n < frames; n++)
                out[n] = channel[n] * gain * smoothed[n];
            return out;
        }),
        maxReductionDb: minimum < 1 ? -20 * Math.log10(minimum) : 0,
    };
}
function minimumAhead(values, length) {
    const out = new Float32Array(values.length);
    const deque = new Int32Array(values.length + 1);
    let head = 0;
    let tail = 0;
    for (let i = values.length - 1; i >= 0; i--) {
        while (tail > head && values[deque[tail - 1]] >= values[i])
            tail--;
        deque[tail++] = i;
        while (deque[head] > i + length - 1)
            head++;
        out[i] = values[deque[head]];
    }
    return out;
}
//# sourceMappingURL=limiter.js.map