"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Envelope = exports.Noise = exports.Svf = exports.Saw = exports.hz = exports.SAMPLE_RATE = void 0;
exports.sine = sine;
exports.blep = blep;
exports.envelopeLength = envelopeLength;
exports.stereo = stereo;
exports.panGains = panGains;
exports.place = place;
exports.pingPong = pingPong;
exports.saturate = saturate;
exports.room = room;
exports.SAMPLE_RATE = 48_000;
const TABLE_SIZE = 4096;
const SINE = Float64Array.from({ length: TABLE_SIZE + 1 }, (_, i) => Math.sin((2 * Math.PI * i) / TABLE_SIZE));
function sine(phase) {
    const position = (phase - Math.floor(phase)) * TABLE_SIZE;
    const index = position | 0;
    const low = SINE[index];
    return low + (SINE[index + 1] - low) * (position - index);
}
const hz = (midi) => 440 * 2 ** ((midi - 69) / 12);
exports.hz = hz;
function blep(phase, increment) {
    if (phase < increment) {
        const t = phase / increment;
        return t + t - t * t - 1;
    }
    if (phase > 1 - increment) {
        const t = (phase - 1) / increment;
        return t * t + t + t + 1;
    }
    return 0;
}
class Saw {
    phase;
    constructor(phase = 0) {
        this.phase = phase;
    }
    next(increment) {
        let phase = this.phase + increment;
        if (phase >= 1)
            phase -= 1;
        this.phase = phase;
        return 2 * phase - 1 - blep(phase, increment);
    }
}
exports.Saw = Saw;
class Svf {
    ic1 = 0;
    ic2 = 0;
    g = 0;
    k = 1;
    a1 = 0;
    a2 = 0;
    a3 = 0;
    low = 0;
    band = 0;
    high = 0;
    constructor(cutoff = 1000, resonance = 0.7) {
        this.set(cutoff, resonance);
    }
    set(cutoff, resonance = 0.7) {
        const f = Math.min(Math.max(cutoff, 10), exports.SAMPLE_RATE * 0.45);
        this.g = Math.tan((Math.PI * f) / exports.SAMPLE_RATE);
        this.k = 1 / Math.max(resonance, 0.1);
        this.a1 = 1 / (1 + this.g * (this.g + this.k));
        this.a2 = this.g * this.a1;
        this.a3 = this.g * this.a2;
    }
    process(input) {
        const v3 = input - this.ic2;
        const v1 = this.a1 * this.ic1 + this.a2 * v3;
        const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
        this.ic1 = 2 * v1 - this.ic1;
        this.ic2 = 2 * v2 - this.ic2;
        this.low = v2;
        this.band = v1;
        this.high = input - this.k * v1 - v2;
        return v2;
    }
}
exports.Svf = Svf;
class Noise {
    state;
    constructor(seed) {
        this.state = seed >>> 0 || 0x1234567;
    }
    next() {
        let x = this.state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.state = x >>> 0;
        return this.state / 2_147_483_648 - 1;
    }
}
exports.Noise = Noise;
class Envelope {
    env;
    level = 0;
    frame = 0;
    attacking = true;
    attackStep;
    decay;
    release;
    held;
    constructor(env, heldSeconds) {
        this.env = env;
        this.attackStep = 1 / Math.max(1, env.attack * exports.SAMPLE_RATE);
        this.decay = Math.exp(-1 / (Math.max(env.decay, 1e-4) * exports.SAMPLE_RATE));
        this.release = Math.exp(-1 / (Math.max(env.release, 1e-4) * exports.SAMPLE_RATE));
        this.held = Math.round(heldSeconds * exports.SAMPLE_RATE);
    }
    next() {
        if (this.frame++ >= this.held) {
            this.level *= this.release;
        }
        else if (this.attacking) {
            this.level += this.attackStep;
            if (this.level >= 1) {
                this.level = 1;
                this.attacking = false;
            }
        }
        else {
            const sustain = this.env.sustain;
            this.level = sustain + (this.level - sustain) * this.decay;
        }
        return this.level;
    }
}
exports.Envelope = Envelope;
function envelopeLength(env, held) {
    return held + env.release * 5;
}
function stereo(frames) {
    return { left: new Float32Array(frames), right: new Float32Array(frames) };
}
function panGains(pan) {
    const angle = ((Math.max(-1, Math.min(1, pan)) + 1) * Math.PI) / 4;
    return [Math.cos(angle), Math.sin(angle)];
}
function place(out, mono, pan, haasMs = 0, haasGain = 0) {
    const [gl, gr] = panGains(pan);
    const delay = Math.round((haasMs / 1000) * exports.SAMPLE_RATE);
    const toRight = pan <= 0;
    const n = Math.min(mono.length, out.left.length);
    for (let i = 0; i < n; i++) {
        const x = mono[i];
        const late = delay > 0 && i >= delay ? mono[i - delay] * haasGain : 0;
        out.left[i] += x * gl + (toRight ? 0 : late);
        out.right[i] += x * gr + (toRight ? late : 0);
    }
}
function pingPong(out, delaySeconds, feedback, mix) {
    const delay = Math.max(1, Math.round(delaySeconds * exports.SAMPLE_RATE));
    const n = out.left.length;
    const lineL = new Float32Array(n);
    const lineR = new Float32Array(n);
    let damp = 0;
    for (let i = 0; i < n; i++) {
        const fromR = i >= delay ? lineR[i - delay] : 0;
        const fromL = i >= delay ? lineL[i - delay] : 0;
        const input = (out.left[i] + out.right[i]) * 0.5;
        damp += 0.35 * (input + fromR * feedback - damp);
        lineL[i] = damp;
        lineR[i] = fromL;
    }
    for (let i = 0; i < n; i++) {
        out.left[i] += mix * lineL[i];
        out.right[i] += mix * lineR[i];
    }
}
function saturate(x, drive) {
    return Math.tanh(x * drive) / Math.tanh(drive);
}
const ROOM_TAPS = [
    [7.1, 9.7, 0.5],
    [13.3, 11.9, 0.42],
    [19.7, 23.1, 0.36],
    [31.3, 27.7, 0.3],
    [41.9, 37.3, 0.24],
    [47.3, 53.9, 0.19],
    [61.7, 67.1, 0.14],
    [79.3, 73.9, 0.1],
];
function room(out, amount) {
    const n = out.left.length;
    const send = new Float32Array(n);
    const coefficient = Math.exp((-2 * Math.PI * 250) / exports.SAMPLE_RATE);
    let low = 0;
    for (let i = 0; i < n; i++) {
        const mid = (out.left[i] + out.right[i]) * 0.5;
        low = mid + coefficient * (low - mid);
        send[i] = (mid - low) * amount;
    }
    for (const [leftMs, rightMs, gain] of ROOM_TAPS) {
        const dl = Math.round((leftMs / 1000) * exports.SAMPLE_RATE);
        const dr = Math.round((rightMs / 1000) * exports.SAMPLE_RATE);
        for (let i = dl; i < n; i++)
            out.left[i] += send[i - dl] * gain;
        for (let i = dr; i < n; i++)
            out.right[i] += send[i - dr] * gain;
    }
}
//# sourceMappingURL=dsp.js.map