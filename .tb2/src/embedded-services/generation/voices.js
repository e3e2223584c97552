"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.noteFrames = noteFrames;
exports.recipeOf = recipeOf;
const dsp_1 = require("./dsp");
const DT = 1 / dsp_1.SAMPLE_RATE;
const CONTROL = 32;
function noteFrames(note, release, cap = 6) {
    return Math.round(Math.min(note.duration + release * 5, cap) * dsp_1.SAMPLE_RATE);
}
function piano(note, out, channel, noise) {
    const f0 = (0, dsp_1.hz)(note.midi) * (channel === 0 ? 0.9993 : 1.0007);
    const sustain = 3.2 * Math.sqrt(261 / f0);
    const n = out.length;
    const bright = 0.6 + 0.4 * note.velocity;
    for (let k = 1; k <= 8; k++) {
        const f = f0 * k * Math.sqrt(1 + 0.0004 * k * k);
        if (f > 15_000)
            break;
        const w = 2 * Math.PI * f * DT;
        const c = 2 * Math.cos(w);
        let y1 = Math.sin(-w);
        let y2 = Math.sin(-2 * w);
        const amplitude = (bright ** (k - 1) / k ** 0.9) * 0.35;
        const fast = Math.exp(-DT / (0.25 / k ** 0.5));
        const slow = Math.exp(-DT / (sustain / (1 + 0.35 * k)));
        const damper = Math.exp(-DT / 0.09);
        const held = Math.round(note.duration * dsp_1.SAMPLE_RATE);
        let e1 = 0.55;
        let e2 = 0.45;
        for (let i = 0; i < n; i++) {
            const y = c * y1 - y2;
            y2 = y1;
            y1 = y;
            e1 *= fast;
            e2 *= i < held ? slow : damper;
            out[i] += y * amplitude * (e1 + e2);
        }
    }
    const hammer = new dsp_1.Svf(2500, 0.7);
    for (let i = 0; i < Math.min(n, 300); i++)
        out[i] += hammer.process(noise.next()) * 0.08 * note.velocity * (1 - i / 300);
}
const EPIANO = { attack: 0.002, decay: 1.6, sustain: 0.0, release: 0.12 };
function electricPiano(note, out) {
    const f = (0, dsp_1.hz)(note.midi);
    const envelope = new dsp_1.Envelope(EPIANO, note.duration);
    for (let i = 0; i < out.length; i++) {
        const t = i * DT;
        const env = envelope.next() + 0.0001;
        const index = (1.6 * note.velocity * Math.exp(-t / 0.35) + 0.2) * Math.min(1, env * 4);
        const modulator = (0, dsp_1.sine)(f * t) * index;
        const tine = (0, dsp_1.sine)(14 * f * t) * 0.12 * Math.exp(-t / 0.02);
        out[i] += ((0, dsp_1.sine)(f * t + modulator * 0.16) + tine) * env * 0.45;
    }
}
const ORGAN_DRAWBARS = [
    [0.5, 0.45],
    [1, 1],
    [1.5, 0.55],
    [2, 0.5],
    [3, 0.25],
    [4, 0.3],
    [8, 0.12],
];
const ORGAN = { attack: 0.006, decay: 1, sustain: 1, release: 0.04 };
function organ(note, out, _c, noise) {
    const f = (0, dsp_1.hz)(note.midi);
    const n = out.length;
    const held = note.duration;
    for (const [ratio, level] of ORGAN_DRAWBARS) {
        const w = 2 * Math.PI * f * ratio * DT;
        if (f * ratio > 12_000)
            continue;
        const c = 2 * Math.cos(w);
        let y1 = Math.sin(-w);
        let y2 = Math.sin(-2 * w);
        for (let i = 0; i < n; i++) {
            const y = c * y1 - y2;
            y2 = y1;
            y1 = y;
            out[i] += y * level * 0.12;
        }
    }
    const envelope = new dsp_1.Envelope(ORGAN, held);
    for (let i = 0; i < n; i++) {
        out[i] *= envelope.next();
        if (i < 120)
            out[i] += noise.next() * 0.03 * (1 - i / 120);
    }
}
function sawStack(note, out, channel, options) {
    const f = (0, dsp_1.hz)(note.midi);
    const [centsA, centsB] = options.detunes[channel];
    const a = new dsp_1.Saw((0.37 + channel * 0.21) % 1);
    const b = new dsp_1.Saw((0.74 + channel * 0.13) % 1);
    const incrementA = (f * 2 ** (centsA / 1200)) / dsp_1.SAMPLE_RATE;
    const incrementB = (f * 2 ** (centsB / 1200)) / dsp_1.SAMPLE_RATE;
    const gain = (options.level / 2) * note.velocity;
    const envelope = new dsp_1.Envelope(options.env, note.duration);
    for (let i = 0; i < out.length; i++) {
        let vibrato = 1;
        if (options.vibrato > 0 && i % CONTROL === 0) {
            const t = i * DT;
            vibrato = 1 + options.vibrato * Math.min(1, t / 0.4) * (0, dsp_1.sine)(5.3 * t + channel * 0.3);
        }
        out[i] +=
            (a.next(incrementA * vibrato) + b.next(incrementB * vibrato)) * gain * envelope.next();
    }
}
const PAD = { attack: 0.7, decay: 1.5, sustain: 0.8, release: 0.45 };
const STRINGS = { attack: 0.28, decay: 1, sustain: 0.85, release: 0.45 };
function pad(note, out, channel) {
    sawStack(note, out, channel, {
        env: PAD,
        detunes: [
            [-9, 5],
            [-4, 10],
        ],
        vibrato: 0,
        level: 0.3,
    });
}
function strings(note, out, channel) {
    sawStack(note, out, channel, {
        env: STRINGS,
        detunes: [
            [-6, 4],
            [-3, 7],
        ],
        vibrato: 0.004,
        level: 0.26,
    });
}
function filteredSaw(note, out, options) {
    const f = (0, dsp_1.hz)(note.midi) * 2 ** ((options.spread ?? 0) / 1200);
    const a = new dsp_1.Saw(0);
    const b = new dsp_1.Saw(0.5);
    const square = new dsp_1.Saw(0.25);
    const increment = f / dsp_1.SAMPLE_RATE;
    const detune = 2 ** (options.detune / 1200);
    const filter = new dsp_1.Svf(options.cutoff(0), options.resonance);
    let squarePhase = 0;
    const envelope = new dsp_1.Envelope(options.env, note.duration);
    for (let i = 0; i < out.length; i++) {
        const t = i * DT;
        if (i % CONTROL === 0)
            filter.set(options.cutoff(t), options.resonance);
        const vibrato = options.vibrato > 0 && t > 0.25 ? 1 + options.vibrato * (0, dsp_1.sine)(5.5 * (t - 0.25)) : 1;
        let x = a.next(increment * vibrato) + b.next(increment * detune * vibrato);
        if (options.square > 0) {
            squarePhase += increment * vibrato;
            if (squarePhase >= 1)
                squarePhase -= 1;
            const shifted = squarePhase + 0.5 >= 1 ? squarePhase - 0.5 : squarePhase + 0.5;
            x +=
                options.square *
                    (square.next(increment * vibrato) - (2 * shifted - 1 - (0, dsp_1.blep)(shifted, increment)));
        }
        let y = filter.process(x) * envelope.next() * note.velocity * options.level;
        if (options.drive)
            y = (0, dsp_1.saturate)(y, options.drive);
        out[i] += y;
    }
}
const BRASS = { attack: 0.035, decay: 0.3, sustain: 0.75, release: 0.12 };
function brass(note, out) {
    const f = (0, dsp_1.hz)(note.midi);
    filteredSaw(note, out, {
        env: BRASS,
        cutoff: (t) => f * (1.2 + 5 * note.velocity * Math.min(1, t / 0.05) * (0.45 + 0.55 * Math.exp(-t / 0.25))),
        resonance: 0.8,
        detune: 7,
        square: 0,
        vibrato: 0.003,
        level: 0.28,
    });
}
const LEAD = { attack: 0.012, decay: 0.25, sustain: 0.75, release: 0.14 };
function synthLead(note, out) {
    const f = (0, dsp_1.hz)(note.midi);
    filteredSaw(note, out, {
        env: LEAD,
        cutoff: (t) => f * 3 + 3500 * Math.exp(-t / 0.2) + 600,
        resonance: 1.1,
        detune: 9,
        square: 0.5,
        vibrato: 0.005,
        level: 0.22,
    });
}
const ARP = { attack: 0.003, decay: 0.16, sustain: 0.1, release: 0.08 };
function arpSynth(note, out, channel) {
    filteredSaw(note, out, {
        spread: channel === 0 ? -7 : 7,
        env: ARP,
        cutoff: (t) => 500 + 4500 * note.velocity * Math.exp(-t / 0.07),
        resonance: 2.2,
        detune: 6,
        square: 0,
        vibrato: 0,
        level: 0.3,
    });
}
const REED = { attack: 0.045, decay: 0.3, sustain: 0.8, release: 0.09 };
function reed(note, out, _c, noise) {
    const f = (0, dsp_1.hz)(note.midi);
    const formant = new dsp_1.Svf(1400, 1.4);
    const breath = new dsp_1.Svf(2500, 0.8);
    const start = out.length;
    filteredSaw(note, out, {
        env: REED,
        cutoff: (t) => f * 2.5 + 1800 * Math.min(1, t / 0.08),
        resonance: 0.9,
        detune: 4,
        square: 0.8,
        vibrato: 0.006,
        level: 0.2,
    });
    const envelope = new dsp_1.Envelope(REED, note.duration);
    for (let i = 0; i < start; i++) {
        formant.process(out[i]);
        out[i] =
            out[i] * 0.6 + formant.band * 0.9 + breath.process(noise.next()) * 0.02 * envelope.next();
    }
}
const FLUTE = { attack: 0.07, decay: 0.4, sustain: 0.85, release: 0.1 };
function flute(note, out, _c, noise) {
    const f = (0, dsp_1.hz)(note.midi);
    const breath = new dsp_1.Svf(f * 2, 2);
    const envelope = new dsp_1.Envelope(FLUTE, note.duration);
    for (let i = 0; i < out.length; i++) {
        const t = i * DT;
        const vibrato = t > 0.2 ? 0.004 * (0, dsp_1.sine)(5 * t) : 0;
        const phase = f * t * (1 + vibrato);
        const env = envelope.next() * note.velocity;
        breath.process(noise.next());
        out[i] +=
            ((0, dsp_1.sine)(phase) + 0.18 * (0, dsp_1.sine)(2 * phase) + 0.05 * (0, dsp_1.sine)(3 * phase) + breath.band * 0.5) *
                env *
                0.3;
    }
}
const CHOIR = { attack: 0.16, decay: 0.5, sustain: 0.85, release: 0.3 };
const VOWEL_AH = [
    [800, 1],
    [1150, 0.5],
    [2900, 0.22],
];
function choir(note, out, channel) {
    const raw = new Float32Array(out.length);
    sawStack(note, raw, channel, {
        env: CHOIR,
        detunes: [
            [-8, 3],
            [-3, 9],
        ],
        vibrato: 0.005,
        level: 0.5,
    });
    const formants = VOWEL_AH.map(([f, gain]) => ({ filter: new dsp_1.Svf(f, 5), gain }));
    for (let i = 0; i < out.length; i++) {
        let y = 0;
        for (const { filter, gain } of formants) {
            filter.process(raw[i]);
            y += filter.band * gain;
        }
        out[i] += y;
    }
}
function bell(note, out) {
    const f = (0, dsp_1.hz)(note.midi);
    for (let i = 0; i < out.length; i++) {
        const t = i * DT;
        const env = Math.exp(-t / 1.2) * Math.min(1, t * 800) * note.velocity;
        const modulator = (0, dsp_1.sine)(3.5 * f * t) * 0.5 * Math.exp(-t / 0.6);
        out[i] += (0, dsp_1.sine)(f * t + modulator) * env * 0.25;
    }
}
function mallet(note, out, _c, noise) {
    const f = (0, dsp_1.hz)(note.midi);
    for (let i = 0; i < out.length; i++) {
        const t = i * DT;
        const body = (0, dsp_1.sine)(f * t) * Math.exp(-t / 0.5) + 0.3 * (0, dsp_1.sine)(3.93 * f * t) * Math.exp(-t / 0.06);
        const click = i < 96 ? noise.next() * 0.1 * (1 - i / 96) : 0;
        out[i] += (body + click) * Math.min(1, t * 1500) * note.velocity * 0.35;
    }
}
function plucked(note, out, noise, brightness, ring) {
    const f = (0, dsp_1.hz)(note.midi);
    const period = dsp_1.SAMPLE_RATE / f;
    const length = Math.max(2, Math.floor(period - 0.5));
    const fraction = period - 0.5 - length;
    const allpass = (1 - fraction) / (1 + fraction);
    const line = new Float32Array(length);
    const pick = new dsp_1.Svf(800 + 6000 * brightness * note.velocity, 0.7);
    for (let i = 0; i < length; i++)
        line[i] = pick.process(noise.next());
    const decay = Math.pow(0.001, 1 / (ring * f));
    const damped = Math.pow(0.001, 1 / (0.08 * f));
    const held = Math.round(note.duration * dsp_1.SAMPLE_RATE);
    let index = 0;
    let previous = 0;
    let apState = 0;
    let apInput = 0;
    for (let i = 0; i < out.length; i++) {
        const current = line[index];
        const averaged = 0.5 * (current + previous) * (i < held ? decay : damped);
        previous = current;
        const tuned = allpass * averaged + apInput - allpass * apState;
        apInput = averaged;
        apState = tuned;
        line[index] = tuned;
        index = index + 1 === length ? 0 : index + 1;
        out[i] += current * 0.5 * note.velocity;
    }
}
function guitar(note, out, _c, noise) {
    plucked(note, out, noise, 0.55, 1.4);
}
function harp(note, out, _c, noise) {
    plucked(note, out, noise, 0.35, 2.5);
}
const ELECTRIC_BASS = { attack: 0.004, decay: 0.7, sustain: 0.55, release: 0.05 };
const SYNTH_BASS = { attack: 0.003, decay: 0.3, sustain: 0.7, release: 0.04 };
function bass(sound) {
    return (note, out, _c, noise) => {
        const f = (0, dsp_1.hz)(note.midi);
        if (sound === 'sub') {
            let phase = 0;
            const held = note.duration;
            for (let i = 0; i < out.length; i++) {
                const t = i * DT;
                phase += (f * (1 + 0.5 * Math.exp(-t / 0.02))) / dsp_1.SAMPLE_RATE;
                const env = Math.min(1, t * 600) * Math.exp(-t / 1.6) * (t < held ? 1 : Math.exp(-(t - held) / 0.05));
                out[i] += (0, dsp_1.saturate)((0, dsp_1.sine)(phase) * env, 2.2) * 0.5 * note.velocity;
            }
            return;
        }
        if (sound === 'upright') {
            for (let i = 0; i < out.length; i++) {
                const t = i * DT;
                const env = Math.min(1, t * 400) *
                    Math.exp(-t / 0.7) *
                    (t < note.duration ? 1 : Math.exp(-(t - note.duration) / 0.04));
                const body = (0, dsp_1.sine)(f * t) +
                    0.45 * (0, dsp_1.sine)(2 * f * t) * Math.exp(-t / 0.3) +
                    0.2 * (0, dsp_1.sine)(3 * f * t) * Math.exp(-t / 0.12);
                const thump = i < 200 ? noise.next() * 0.08 * (1 - i / 200) : 0;
                out[i] += (body * env + thump) * 0.45 * note.velocity;
            }
            return;
        }
        const synth = sound === 'synth';
        filteredSaw(note, out, {
            env: synth ? SYNTH_BASS : ELECTRIC_BASS,
            cutoff: (t) => (synth ? 300 + 2200 * Math.exp(-t / 0.12) : 250 + 1100 * Math.exp(-t / 0.2)),
            resonance: synth ? 1.3 : 0.7,
            detune: synth ? 8 : 0,
            square: synth ? 0 : 0.3,
            vibrato: 0,
            level: 0.4,
            drive: 1.5,
        });
        const envelope = new dsp_1.Envelope(ELECTRIC_BASS, note.duration);
        for (let i = 0; i < out.length; i++) {
            out[i] += (0, dsp_1.sine)(f * i * DT) * envelope.next() * 0.3 * note.velocity;
        }
    };
}
function recipeOf(voice, bassSound) {
    const mono = (play, release) => ({
        play,
        stereo: false,
        release,
    });
    switch (voice) {
        case 'piano':
            return { play: piano, stereo: true, release: 0.09 };
        case 'electric-piano':
            return mono(electricPiano, EPIANO.release);
        case 'organ':
            return mono(organ, ORGAN.release);
        case 'pad':
            return { play: pad, stereo: true, release: PAD.release, busFilter: 1400 };
        case 'strings':
            return { play: strings, stereo: true, release: STRINGS.release, busFilter: 3800 };
        case 'choir':
            return { play: choir, stereo: true, release: CHOIR.release };
        case 'brass':
            return mono(brass, BRASS.release);
        case 'guitar':
            return mono(guitar, 0.12);
        case 'harp':
            return mono(harp, 0.3);
        case 'synth-lead':
            return mono(synthLead, LEAD.release);
        case 'arp-synth':
            return { play: arpSynth, stereo: true, release: ARP.release };
        case 'reed':
            return mono(reed, REED.release);
        case 'flute':
            return mono(flute, FLUTE.release);
        case 'bell':
            return mono(bell, 0.5);
        case 'mallet':
            return mono(mallet, 0.2);
        case 'bass':
        case 'drums':
            return mono(bass(bassSound ?? 'electric'), 0.05);
    }
}
//# sourceMappingURL=voices.js.map