"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SYNTH_RATE = void 0;
exports.pitchClass = pitchClass;
exports.drums = drums;
exports.chords = chords;
exports.mix = mix;
exports.concatenate = concatenate;
exports.keyName = keyName;
exports.relativeKey = relativeKey;
exports.toWav = toWav;
const wav_fixture_1 = require("./wav-fixture");
exports.SYNTH_RATE = 22_050;
const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const SCALES = {
    major: [0, 2, 4, 5, 7, 9, 11],
    minor: [0, 2, 3, 5, 7, 8, 10],
};
const PROGRESSIONS = { major: [0, 5, 3, 4], minor: [0, 3, 5, 4] };
function noise(seed) {
    let state = seed >>> 0 || 1;
    return () => {
        state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
        return state / 2 ** 31 - 1;
    };
}
function pitchClass(name) {
    const index = NOTE_NAMES.indexOf(name);
    if (index < 0)
        throw new Error(`unknown note ${name}`);
    return index;
}
const hz = (midi) => 440 * 2 ** ((midi - 69) / 12);
function fadeOut(t, length) {
    return Math.max(0, Math.min(1, (length - t) / 0.02));
}
function addKick(out, rate, at, gain) {
    const start = Math.round(at * rate);
    let phase = 0;
    for (let i = 0; i < rate * 0.5 && start + i < out.length; i++) {
        const t = i / rate;
        phase += (2 * Math.PI * (50 + 90 * Math.exp(-t / 0.03))) / rate;
        out[start + i] += gain * Math.exp(-t / 0.12) * fadeOut(t, 0.5) * Math.sin(phase);
    }
}
function addSnare(out, rate, at, gain, seed) {
    const start = Math.round(at * rate);
    const random = noise(seed);
    let low = 0;
    for (let i = 0; i < rate * 0.2 && start + i < out.length; i++) {
        const t = i / rate;
        const white = random();
        low += 0.3 * (white - low);
        const body = Math.sin(2 * Math.PI * 185 * t) * Math.exp(-t / 0.04);
        const level = gain * fadeOut(t, 0.2);
        out[start + i] += level * (0.6 * (white - low) * Math.exp(-t / 0.06) + 0.5 * body);
    }
}
function addHat(out, rate, at, gain, seed) {
    const start = Math.round(at * rate);
    const random = noise(seed);
    let previous = 0;
    for (let i = 0; i < rate * 0.05 && start + i < out.length; i++) {
        const white = random();
        const t = i / rate;
        out[start + i] += gain * fadeOut(t, 0.05) * (white - previous) * 0.5 * Math.exp(-t / 0.012);
        previous = white;
    }
}
function drums(piece, pattern) {
    const rate = piece.rate ?? exports.SYNTH_RATE;
    const out = new Float32Array(Math.round(piece.seconds * rate));
    const beat = 60 / piece.bpm;
    for (let b = 0; b * beat < piece.seconds; b++) {
        const t = b * beat;
        if (pattern === 'sparse')
            addKick(out, rate, t, 0.8);
        if (pattern === 'soft-pulse')
            addKick(out, rate, t, 0.12);
        if (pattern !== 'dense')
            continue;
        if (b % 2 === 0)
            addKick(out, rate, t, 0.8);
        else
            addSnare(out, rate, t, 0.5, b + 1);
        if (b % 4 === 2)
            addKick(out, rate, t + beat / 2, 0.5);
        for (let s = 0; s < 4; s++)
            addHat(out, rate, t + (s * beat) / 4, s % 2 === 0 ? 0.25 : 0.12, 7 * b + s + 3);
    }
    return out;
}
function triad(tonic, mode, degree, base) {
    const scale = [...SCALES[mode]];
    if (mode === 'minor' && degree === 4)
        scale[6] = 11;
    return [0, 2, 4].map((step) => {
        const index = degree + step;
        return base + tonic + scale[index % 7] + 12 * Math.floor(index / 7);
    });
}
function addTone(out, rate, midi, at, length, gain, envelope) {
    const start = Math.round(at * rate);
    const frequency = hz(midi);
    const frames = Math.round(length * rate);
    for (let i = 0; i < frames && start + i < out.length; i++) {
        const t = i / rate;
        const rise = Math.min(1, t / envelope.attack);
        const release = Math.min(1, (length - t) / 0.05);
        const level = gain * rise * release * Math.exp(-t / envelope.decay);
        let sample = 0;
        for (let h = 1; h <= 6 && h * frequency < rate / 2; h++) {
            sample += Math.sin(2 * Math.PI * h * frequency * t) / h;
        }
        out[start + i] += level * sample;
    }
}
function chords(piece) {
    const rate = piece.rate ?? exports.SYNTH_RATE;
    const out = new Float32Array(Math.round(piece.seconds * rate));
    const tonic = pitchClass(piece.tonic);
    const beat = 60 / piece.bpm;
    const bar = 4 * beat;
    const progression = PROGRESSIONS[piece.mode];
    for (let b = 0; b * bar < piece.seconds; b++) {
        const notes = triad(tonic, piece.mode, progression[b % 4], 60);
        const start = b * bar;
        if (piece.voicing === 'pad') {
            for (const note of notes)
                addTone(out, rate, note, start, bar, 0.1, { attack: 1.2, decay: 8 });
        }
        else {
            for (let beatIndex = 0; beatIndex < 4; beatIndex++) {
                for (const note of notes) {
                    addTone(out, rate, note, start + beatIndex * beat, beat, 0.1, {
                        attack: 0.005,
                        decay: 0.4,
                    });
                }
            }
        }
        addTone(out, rate, notes[0] - 24, start, bar, 0.2, { attack: 0.01, decay: 1.5 });
    }
    return out;
}
function mix(...signals) {
    const out = new Float32Array(signals[0].length);
    for (const signal of signals)
        for (let i = 0; i < out.length && i < signal.length; i++)
            out[i] += signal[i];
    return out;
}
function concatenate(...sections) {
    const out = new Float32Array(sections.reduce((n, s) => n + s.length, 0));
    let offset = 0;
    for (const section of sections) {
        out.set(section, offset);
        offset += section.length;
    }
    return out;
}
function keyName(tonic, mode) {
    return `${tonic} ${mode}`;
}
function relativeKey(tonic, mode) {
    const index = pitchClass(tonic);
    return mode === 'major'
        ? keyName(NOTE_NAMES[(index + 9) % 12], 'minor')
        : keyName(NOTE_NAMES[(index + 3) % 12], 'major');
}
function toWav(samples, rate = exports.SYNTH_RATE, peak = 0.9) {
    let loudest = 0;
    for (const v of samples)
        loudest = Math.max(loudest, Math.abs(v));
    const scale = loudest > 0 ? peak / loudest : 0;
    const data = Buffer.alloc(samples.length * 2);
    for (let i = 0; i < samples.length; i++) {
        data.writeInt16LE(Math.round(samples[i] * scale * 32_767), i * 2);
    }
    return (0, wav_fixture_1.monoWav)(data, rate);
}
//# sourceMappingURL=synthetic-music.js.map