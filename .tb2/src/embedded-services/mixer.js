"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TAIL_SECONDS = exports.MAX_CORRELATION = exports.CEILING = exports.TARGET_LUFS = exports.MASTER_SAMPLE_RATE = void 0;
exports.roleOf = roleOf;
exports.mixAndMaster = mixAndMaster;
exports.integratedLoudness = integratedLoudness;
const biquad_1 = require("../audio/biquad");
const compressor_1 = require("../audio/compressor");
const loudness_1 = require("../audio/loudness");
const loudness_target_1 = require("../audio/loudness-target");
const reverb_1 = require("../audio/reverb");
const stereo_1 = require("../audio/stereo");
const true_peak_1 = require("../audio/true-peak");
exports.MASTER_SAMPLE_RATE = 48_000;
exports.TARGET_LUFS = loudness_target_1.MASTER_TARGET.lufs;
exports.CEILING = (0, true_peak_1.fromDb)(-1);
exports.MAX_CORRELATION = 0.85;
const MAX_SIDE_GAIN = 3;
exports.TAIL_SECONDS = 0.8;
const ROLES = {
    drums: {
        lufs: -17,
        eq: (r) => [(0, biquad_1.highPass)(30, 0.707, r), (0, biquad_1.highShelf)(8000, 1.5, r)],
        send: 0.08,
        pan: 0,
    },
    bass: {
        lufs: -18.5,
        eq: (r) => [(0, biquad_1.highPass)(32, 0.707, r), (0, biquad_1.lowPass)(6000, 0.707, r), (0, biquad_1.peaking)(250, 1, -1.5, r)],
        send: 0,
        pan: 0,
    },
    lead: {
        lufs: -19.5,
        eq: (r) => [(0, biquad_1.highPass)(150, 0.707, r), (0, biquad_1.peaking)(3000, 0.9, 2, r)],
        send: 0.22,
        pan: 0.15,
    },
    harmony: {
        lufs: -21,
        eq: (r) => [(0, biquad_1.highPass)(110, 0.707, r), (0, biquad_1.peaking)(320, 1, -2.5, r)],
        send: 0.2,
        pan: -0.35,
    },
    pad: {
        lufs: -23,
        eq: (r) => [(0, biquad_1.highPass)(150, 0.707, r), (0, biquad_1.peaking)(350, 0.8, -2, r), (0, biquad_1.highShelf)(9000, -2, r)],
        send: 0.35,
        pan: 0.3,
    },
    other: { lufs: -21, eq: (r) => [(0, biquad_1.highPass)(80, 0.707, r)], send: 0.15, pan: 0.4 },
};
const ROLE_WORDS = [
    ['drums', /drum|kick|snare|hat|perc|beat|808|clap|cymbal/],
    ['bass', /bass/],
    ['pad', /pad|string|choir|ambien|drone|atmos/],
    ['lead', /lead|melod|vocal|voice|flute|sax|trumpet|brass|violin|whistle|solo/],
    ['harmony', /piano|key|organ|rhodes|guitar|arp|pluck|synth|chord|harp|bell|marimba/],
];
function roleOf(name) {
    const base = (name ?? '').toLowerCase();
    return ROLE_WORDS.find(([, words]) => words.test(base))?.[0] ?? 'other';
}
function at48k(audio) {
    const ratio = audio.sampleRate / exports.MASTER_SAMPLE_RATE;
    const source = audio.channels.slice(0, 2);
    if (ratio === 1)
        return source;
    const frames = Math.floor((source[0]?.length ?? 0) / ratio);
    return source.map((channel) => {
        const out = new Float32Array(frames);
        for (let i = 0; i < frames; i++) {
            const position = i * ratio;
            const index = Math.floor(position);
            const next = channel[Math.min(index + 1, channel.length - 1)];
            out[i] = channel[index] + (next - channel[index]) * (position - index);
        }
        return out;
    });
}
function placed(channels, pan) {
    if (channels.length >= 2)
        return [channels[0], channels[1]];
    const angle = ((pan + 1) * Math.PI) / 4;
    const mono = channels[0];
    const left = mono.map((v) => v * Math.cos(angle) * Math.SQRT2);
    const right = mono.map((v) => v * Math.sin(angle) * Math.SQRT2);
    return [left, right];
}
function widthGuard(mix) {
    const correlation = (0, stereo_1.stereoCorrelation)(mix);
    if (correlation <= exports.MAX_CORRELATION)
        return;
    const [left, right] = mix;
    let mid = 0;
    let side = 0;
    for (let i = 0; i < left.length; i++) {
        mid += ((left[i] + right[i]) / 2) ** 2;
        side += ((left[i] - right[i]) / 2) ** 2;
    }
    if (side === 0)
        return;
    const t = exports.MAX_CORRELATION;
    const gain = Math.min(MAX_SIDE_GAIN, Math.sqrt((mid * (1 - t)) / (side * (1 + t))));
    for (let i = 0; i < left.length; i++) {
        const m = (left[i] + right[i]) / 2;
        const s = ((left[i] - right[i]) / 2) * gain;
        left[i] = m + s;
        right[i] = m - s;
    }
}
function mixAndMaster(stems, names = []) {
    const rate = exports.MASTER_SAMPLE_RATE;
    const prepared = stems.map(at48k);
    const length = Math.max(0, ...prepared.map((s) => s[0]?.length ?? 0));
    const frames = length + Math.round(exports.TAIL_SECONDS * rate);
    const mix = [new Float32Array(frames), new Float32Array(frames)];
    const send = new Float32Array(frames);
    const panned = new Map();
    prepared.forEach((channels, index) => {
        if (channels.length === 0)
            return;
        const role = roleOf(names[index]);
        const settings = ROLES[role];
        const seen = panned.get(role) ?? 0;
        panned.set(role, seen + 1);
        const pan = seen % 2 === 0 ? settings.pan : -settings.pan;
        const equalised = channels.map((channel) => (0, biquad_1.filter)(channel, ...settings.eq(rate)));
        const [left, right] = placed(equalised, pan);
        const loudness = (0, loudness_1.integratedLoudness)([left, right], rate);
        const gain = Number.isFinite(loudness) ? (0, true_peak_1.fromDb)(settings.lufs - loudness) : 1;
        for (let i = 0; i < left.length; i++) {
            const l = left[i] * gain;
            const r = right[i] * gain;
            mix[0][i] += l;
            mix[1][i] += r;
            send[i] += ((l + r) / 2) * settings.send;
        }
    });
    const [wetLeft, wetRight] = (0, reverb_1.reverb)((0, biquad_1.filter)(send, (0, biquad_1.highPass)(200, 0.707, rate)), rate);
    for (let i = 0; i < frames; i++) {
        mix[0][i] += wetLeft[i];
        mix[1][i] += wetRight[i];
    }
    const glued = (0, compressor_1.compress)(mix, rate).channels;
    widthGuard(glued);
    const mastered = (0, loudness_target_1.normaliseLoudness)(glued, rate);
    return { sampleRate: rate, channels: mastered?.channels ?? glued };
}
function integratedLoudness(channels, sampleRate = exports.MASTER_SAMPLE_RATE) {
    return (0, loudness_1.integratedLoudness)(channels, sampleRate);
}
//# sourceMappingURL=mixer.js.map