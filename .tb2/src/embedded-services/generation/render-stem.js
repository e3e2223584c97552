"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderStem = renderStem;
const dsp_1 = require("./dsp");
const drum_kit_1 = require("./drum-kit");
const random_1 = require("./random");
const voices_1 = require("./voices");
const MAX_PEAK = 0.89;
const LEVEL_DB = {
    drums: -19,
    bass: -20,
    chords: -21,
    melody: -21,
    pad: -24,
    arp: -24,
};
const BLOCK = dsp_1.SAMPLE_RATE / 10;
function playingRms(signal) {
    const powers = [];
    for (let start = 0; start + BLOCK <= signal.left.length; start += BLOCK) {
        let sum = 0;
        for (let i = start; i < start + BLOCK; i++)
            sum += signal.left[i] ** 2 + signal.right[i] ** 2;
        powers.push(sum / (2 * BLOCK));
    }
    const loudest = Math.max(0, ...powers);
    const playing = powers.filter((p) => p > loudest * 1e-4);
    return Math.sqrt(playing.reduce((a, b) => a + b, 0) / Math.max(1, playing.length));
}
const ROOM = {
    drums: 0.6,
    piano: 0.4,
    'electric-piano': 0.35,
    organ: 0.35,
    guitar: 0.3,
    brass: 0.35,
    strings: 0.3,
    pad: 0.2,
    reed: 0.35,
    flute: 0.3,
    choir: 0.3,
    mallet: 0.35,
    harp: 0.3,
    bell: 0.25,
    'synth-lead': 0.25,
    'arp-synth': 0.25,
};
function playNotes(part, frames, seed) {
    const recipe = (0, voices_1.recipeOf)(part.voice, part.bassSound);
    const noise = new dsp_1.Noise(seed);
    const out = (0, dsp_1.stereo)(frames);
    const [basePanL, basePanR] = (0, dsp_1.panGains)(part.pan);
    for (const note of part.notes) {
        const start = Math.round(note.time * dsp_1.SAMPLE_RATE);
        if (start >= frames)
            continue;
        const length = Math.min((0, voices_1.noteFrames)(note, recipe.release), frames - start);
        const spread = part.voice === 'piano' || part.voice === 'harp' ? (note.midi - 62) / 50 : 0;
        const [gl, gr] = spread === 0 ? [basePanL, basePanR] : (0, dsp_1.panGains)(part.pan + spread);
        if (recipe.stereo) {
            for (const channel of [0, 1]) {
                const buffer = new Float32Array(length);
                recipe.play(note, buffer, channel, noise);
                const target = channel === 0 ? out.left : out.right;
                const gain = (channel === 0 ? gl : gr) * Math.SQRT2;
                for (let i = 0; i < length; i++)
                    target[start + i] += buffer[i] * gain;
            }
        }
        else {
            const buffer = new Float32Array(length);
            recipe.play(note, buffer, 0, noise);
            for (let i = 0; i < length; i++) {
                out.left[start + i] += buffer[i] * gl;
                out.right[start + i] += buffer[i] * gr;
            }
        }
    }
    if (recipe.busFilter !== undefined) {
        for (const channel of [out.left, out.right]) {
            const filter = new dsp_1.Svf(recipe.busFilter, 0.6);
            for (let i = 0; i < frames; i++)
                channel[i] = filter.process(channel[i]);
        }
    }
    return out;
}
function widen(part, signal, beatSeconds) {
    switch (part.voice) {
        case 'guitar':
        case 'brass':
        case 'reed': {
            const out = (0, dsp_1.stereo)(signal.left.length);
            const mono = signal.left.map((x, i) => (x + signal.right[i]) * 0.7071);
            (0, dsp_1.place)(out, mono, part.pan, part.voice === 'guitar' ? 17 : 11, 0.55);
            return out;
        }
        case 'organ':
        case 'electric-piano': {
            const rate = part.voice === 'organ' ? 5.8 : 3.2;
            for (let i = 0; i < signal.left.length; i++) {
                const lfo = (0, dsp_1.sine)((rate * i) / dsp_1.SAMPLE_RATE) * 0.35;
                signal.left[i] *= 1 + lfo;
                signal.right[i] *= 1 - lfo;
            }
            return signal;
        }
        case 'synth-lead':
        case 'arp-synth':
        case 'bell':
        case 'flute':
            (0, dsp_1.pingPong)(signal, beatSeconds * 0.75, 0.38, part.voice === 'synth-lead' ? 0.28 : 0.35);
            return signal;
        default:
            return signal;
    }
}
function renderStem(score, instrument) {
    const part = score.parts.find((p) => p.instrument === instrument);
    if (!part)
        throw new Error(`the score has no part for ${instrument}`);
    const frames = Math.round(score.seconds * dsp_1.SAMPLE_RATE);
    const seed = (score.seed ^ (0, random_1.seedOf)(instrument)) >>> 0;
    let signal;
    if (part.role === 'drums') {
        signal = (0, dsp_1.stereo)(frames);
        (0, drum_kit_1.renderDrums)(part.hits, signal, seed, score.style);
    }
    else {
        signal = widen(part, playNotes(part, frames, seed), score.beatSeconds);
    }
    const space = ROOM[part.voice];
    if (space)
        (0, dsp_1.room)(signal, space);
    let peak = 0;
    for (let i = 0; i < frames; i++)
        peak = Math.max(peak, Math.abs(signal.left[i]), Math.abs(signal.right[i]));
    const rms = playingRms(signal);
    const staged = rms > 0 ? 10 ** (LEVEL_DB[part.role] / 20) / rms : 1;
    const gain = Math.min(staged, MAX_PEAK / Math.max(peak, 1e-9));
    for (let i = 0; i < frames; i++) {
        signal.left[i] *= gain;
        signal.right[i] *= gain;
    }
    return { sampleRate: dsp_1.SAMPLE_RATE, channels: [signal.left, signal.right] };
}
//# sourceMappingURL=render-stem.js.map