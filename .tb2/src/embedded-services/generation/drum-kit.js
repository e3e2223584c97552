"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderDrums = renderDrums;
const dsp_1 = require("./dsp");
const seconds = (s) => Math.round(s * dsp_1.SAMPLE_RATE);
function kick(noise, boomy) {
    const out = new Float32Array(seconds(boomy ? 0.9 : 0.45));
    const low = boomy ? 44 : 50;
    const decay = boomy ? 0.45 : 0.2;
    const click = new dsp_1.Svf(3500, 0.8);
    let phase = 0;
    for (let i = 0; i < out.length; i++) {
        const t = i / dsp_1.SAMPLE_RATE;
        phase += (low + 120 * Math.exp(-t / 0.03)) / dsp_1.SAMPLE_RATE;
        const body = Math.sin(2 * Math.PI * phase) * Math.exp(-t / decay) * Math.min(1, t * 2000);
        const tick = click.process(noise.next()) * Math.exp(-t / 0.0025) * 0.6;
        out[i] = (0, dsp_1.saturate)(body * 1.1 + tick, 1.6) * 0.9;
    }
    return out;
}
function snare(noise) {
    const out = new Float32Array(seconds(0.35));
    const high = new dsp_1.Svf(1800, 0.7);
    const low = new dsp_1.Svf(9000, 0.7);
    for (let i = 0; i < out.length; i++) {
        const t = i / dsp_1.SAMPLE_RATE;
        const tone = (Math.sin(2 * Math.PI * 185 * t) + 0.6 * Math.sin(2 * Math.PI * 330 * t)) *
            Math.exp(-t / 0.05);
        high.process(noise.next());
        const rattle = low.process(high.high) * Math.exp(-t / 0.12);
        out[i] = (0.45 * tone + 0.9 * rattle) * Math.min(1, t * 3000);
    }
    return out;
}
function hat(noise, decay, length) {
    const out = new Float32Array(seconds(length));
    const first = new dsp_1.Svf(7000, 0.7);
    const second = new dsp_1.Svf(8500, 1.2);
    for (let i = 0; i < out.length; i++) {
        const t = i / dsp_1.SAMPLE_RATE;
        first.process(noise.next());
        second.process(first.high);
        out[i] = (second.high + 0.4 * second.band) * Math.exp(-t / decay) * 0.7;
    }
    return out;
}
function clap(noise) {
    const out = new Float32Array(seconds(0.3));
    const band = new dsp_1.Svf(1300, 1.6);
    for (let i = 0; i < out.length; i++) {
        const t = i / dsp_1.SAMPLE_RATE;
        let envelope = 0;
        for (const burst of [0, 0.011, 0.022])
            if (t >= burst)
                envelope += Math.exp(-(t - burst) / 0.004);
        if (t >= 0.022)
            envelope += 0.5 * Math.exp(-(t - 0.022) / 0.08);
        band.process(noise.next());
        out[i] = band.band * envelope * 1.4;
    }
    return out;
}
function crash(noise) {
    const out = new Float32Array(seconds(2.4));
    const high = new dsp_1.Svf(4500, 0.7);
    for (let i = 0; i < out.length; i++) {
        const t = i / dsp_1.SAMPLE_RATE;
        high.process(noise.next());
        out[i] = high.high * Math.exp(-t / 0.8) * Math.min(1, t * 500) * 0.5;
    }
    return out;
}
const PAN = {
    kick: 0,
    snare: 0.05,
    hat: 0.45,
    open: 0.45,
    clap: -0.2,
    crash: -0.5,
};
function kit(seed, style) {
    const noise = new dsp_1.Noise(seed ^ 0x5eed);
    const centred = (mono, pan) => {
        const [gl, gr] = (0, dsp_1.panGains)(pan);
        return { left: mono.map((x) => x * gl), right: mono.map((x) => x * gr) };
    };
    const wide = (make, pan) => {
        const [gl, gr] = (0, dsp_1.panGains)(pan);
        const left = make().map((x) => x * gl);
        const right = make().map((x) => x * gr);
        return { left, right };
    };
    return {
        kick: centred(kick(noise, style === 'trap' || style === 'hiphop' || style === 'triphop'), PAN.kick),
        snare: wide(() => snare(noise), PAN.snare),
        hat: centred(hat(noise, 0.03, 0.15), PAN.hat),
        open: centred(hat(noise, 0.22, 0.8), PAN.open),
        clap: wide(() => clap(noise), PAN.clap),
        crash: wide(() => crash(noise), PAN.crash),
    };
}
const LEVEL = {
    kick: 1,
    snare: 0.75,
    hat: 0.35,
    open: 0.3,
    clap: 0.55,
    crash: 0.35,
};
function renderDrums(hits, out, seed, style) {
    const sounds = kit(seed, style);
    for (const hit of hits) {
        const start = Math.round(hit.time * dsp_1.SAMPLE_RATE);
        const sound = sounds[hit.voice];
        const gain = hit.velocity * LEVEL[hit.voice];
        const end = hit.voice === 'open' ? nextClosedHat(hits, hit.time) : Number.POSITIVE_INFINITY;
        const n = Math.min(sound.left.length, out.left.length - start, end - start + CHOKE);
        for (let i = 0; i < n; i++) {
            const fade = start + i > end ? 1 - (start + i - end) / CHOKE : 1;
            out.left[start + i] += sound.left[i] * gain * fade;
            out.right[start + i] += sound.right[i] * gain * fade;
        }
    }
}
const CHOKE = seconds(0.005);
function nextClosedHat(hits, after) {
    const next = hits.find((h) => h.voice === 'hat' && h.time > after + 0.01);
    return next ? Math.round(next.time * dsp_1.SAMPLE_RATE) : Number.POSITIVE_INFINITY;
}
//# sourceMappingURL=drum-kit.js.map