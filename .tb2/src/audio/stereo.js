"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SILENCE_DBFS = exports.CLIP_LEVEL = void 0;
exports.stereoCorrelation = stereoCorrelation;
exports.clippedRuns = clippedRuns;
exports.silenceProfile = silenceProfile;
function stereoCorrelation(channels) {
    if (channels.length < 2)
        return 1;
    const [left, right] = channels;
    let lr = 0;
    let ll = 0;
    let rr = 0;
    for (let i = 0; i < left.length; i++) {
        lr += left[i] * right[i];
        ll += left[i] * left[i];
        rr += right[i] * right[i];
    }
    if (ll === 0 || rr === 0)
        return ll === rr ? 1 : 0;
    return lr / Math.sqrt(ll * rr);
}
exports.CLIP_LEVEL = 1 - 2 ** -22;
const CLIP_RUN = 3;
function clippedRuns(channels) {
    let runs = 0;
    for (const channel of channels) {
        let length = 0;
        for (let i = 0; i < channel.length; i++) {
            if (Math.abs(channel[i]) >= exports.CLIP_LEVEL) {
                length++;
                if (length === CLIP_RUN)
                    runs++;
            }
            else
                length = 0;
        }
    }
    return runs;
}
exports.SILENCE_DBFS = -60;
const WINDOW_SECONDS = 0.1;
function silenceProfile(channels, sampleRate) {
    const frames = channels[0]?.length ?? 0;
    const window = Math.round(WINDOW_SECONDS * sampleRate);
    const threshold = 10 ** (exports.SILENCE_DBFS / 20);
    const silent = [];
    for (let start = 0; start < frames; start += window) {
        let peak = 0;
        const end = Math.min(frames, start + window);
        for (const channel of channels)
            for (let i = start; i < end; i++)
                peak = Math.max(peak, Math.abs(channel[i]));
        silent.push(peak < threshold);
    }
    const seconds = (count) => Math.min(count * window, frames) / sampleRate;
    let longest = 0;
    let run = 0;
    for (const quiet of silent) {
        run = quiet ? run + 1 : 0;
        longest = Math.max(longest, run);
    }
    const leading = silent.findIndex((quiet) => !quiet);
    const trailing = [...silent].reverse().findIndex((quiet) => !quiet);
    return {
        silentSeconds: seconds(silent.filter(Boolean).length),
        leadingSeconds: seconds(leading < 0 ? silent.length : leading),
        trailingSeconds: seconds(trailing < 0 ? silent.length : trailing),
        longestSeconds: seconds(longest),
    };
}
//# sourceMappingURL=stereo.js.map