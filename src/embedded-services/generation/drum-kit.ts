import { Noise, SAMPLE_RATE, saturate, Svf, panGains, type Stereo } from './dsp';
import type { DrumHit, DrumVoice } from './score';
import type { StyleName } from './styles';

/**
 * The drum kit, synthesised: a kick of a pitch-swept sine with a click, a snare of two tones
 * and band-passed noise, hats of high-passed noise with short decays, a clap of noise
 * bursts, a crash. Each sound is made once per stem and placed at every hit.
 */
type OneShot = { left: Float32Array; right: Float32Array };

const seconds = (s: number) => Math.round(s * SAMPLE_RATE);

function kick(noise: Noise, boomy: boolean): Float32Array {
  const out = new Float32Array(seconds(boomy ? 0.9 : 0.45));
  const low = boomy ? 44 : 50;
  const decay = boomy ? 0.45 : 0.2;
  const click = new Svf(3500, 0.8);
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    phase += (low + 120 * Math.exp(-t / 0.03)) / SAMPLE_RATE;
    const body = Math.sin(2 * Math.PI * phase) * Math.exp(-t / decay) * Math.min(1, t * 2000);
    const tick = click.process(noise.next()) * Math.exp(-t / 0.0025) * 0.6;
    out[i] = saturate(body * 1.1 + tick, 1.6) * 0.9;
  }
  return out;
}

function snare(noise: Noise): Float32Array {
  const out = new Float32Array(seconds(0.35));
  const high = new Svf(1800, 0.7);
  const low = new Svf(9000, 0.7);
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    const tone =
      (Math.sin(2 * Math.PI * 185 * t) + 0.6 * Math.sin(2 * Math.PI * 330 * t)) *
      Math.exp(-t / 0.05);
    high.process(noise.next());
    const rattle = low.process(high.high) * Math.exp(-t / 0.12);
    out[i] = (0.45 * tone + 0.9 * rattle) * Math.min(1, t * 3000);
  }
  return out;
}

function hat(noise: Noise, decay: number, length: number): Float32Array {
  const out = new Float32Array(seconds(length));
  const first = new Svf(7000, 0.7);
  const second = new Svf(8500, 1.2);
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    first.process(noise.next());
    second.process(first.high);
    out[i] = (second.high + 0.4 * second.band) * Math.exp(-t / decay) * 0.7;
  }
  return out;
}

function clap(noise: Noise): Float32Array {
  const out = new Float32Array(seconds(0.3));
  const band = new Svf(1300, 1.6);
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    let envelope = 0;
    for (const burst of [0, 0.011, 0.022])
      if (t >= burst) envelope += Math.exp(-(t - burst) / 0.004);
    if (t >= 0.022) envelope += 0.5 * Math.exp(-(t - 0.022) / 0.08);
    band.process(noise.next());
    out[i] = band.band * envelope * 1.4;
  }
  return out;
}

function crash(noise: Noise): Float32Array {
  const out = new Float32Array(seconds(2.4));
  const high = new Svf(4500, 0.7);
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    high.process(noise.next());
    out[i] = high.high * Math.exp(-t / 0.8) * Math.min(1, t * 500) * 0.5;
  }
  return out;
}

/** Where each drum sits, as a drummer's overheads hear it: hats to one side, cymbal and clap to the other. */
const PAN: Record<DrumVoice, number> = {
  kick: 0,
  snare: 0.06,
  hat: 0.6,
  open: 0.55,
  clap: -0.35,
  crash: -0.6,
};

function kit(seed: number, style: StyleName): Record<DrumVoice, OneShot> {
  const noise = new Noise(seed ^ 0x5eed);
  const centred = (mono: Float32Array, pan: number): OneShot => {
    const [gl, gr] = panGains(pan);
    return { left: mono.map((x) => x * gl), right: mono.map((x) => x * gr) };
  };
  // A cymbal and a clap are wide: each side its own noise.
  const wide = (make: () => Float32Array, pan: number): OneShot => {
    const [gl, gr] = panGains(pan);
    const left = make().map((x) => x * gl);
    const right = make().map((x) => x * gr);
    return { left, right };
  };
  return {
    kick: centred(
      kick(noise, style === 'trap' || style === 'hiphop' || style === 'triphop'),
      PAN.kick,
    ),
    // The snare's tone is one drum; its rattle reaches each overhead differently.
    snare: wide(() => snare(noise), PAN.snare),
    hat: centred(hat(noise, 0.03, 0.15), PAN.hat),
    open: centred(hat(noise, 0.22, 0.8), PAN.open),
    clap: wide(() => clap(noise), PAN.clap),
    crash: wide(() => crash(noise), PAN.crash),
  };
}

const LEVEL: Record<DrumVoice, number> = {
  kick: 1,
  snare: 0.75,
  hat: 0.35,
  open: 0.3,
  clap: 0.55,
  crash: 0.35,
};

export function renderDrums(hits: DrumHit[], out: Stereo, seed: number, style: StyleName): void {
  const sounds = kit(seed, style);
  for (const hit of hits) {
    const start = Math.round(hit.time * SAMPLE_RATE);
    const sound = sounds[hit.voice];
    const gain = hit.velocity * LEVEL[hit.voice];
    // A closed hat chokes the open one, as on a real kit.
    const end = hit.voice === 'open' ? nextClosedHat(hits, hit.time) : Number.POSITIVE_INFINITY;
    const n = Math.min(sound.left.length, out.left.length - start, end - start + CHOKE);
    for (let i = 0; i < n; i++) {
      const fade = start + i > end ? 1 - (start + i - end) / CHOKE : 1;
      out.left[start + i] += sound.left[i] * gain * fade;
      out.right[start + i] += sound.right[i] * gain * fade;
    }
  }
}

/** A choked hat fades over 5 ms rather than clicking off. */
const CHOKE = seconds(0.005);

function nextClosedHat(hits: DrumHit[], after: number): number {
  const next = hits.find((h) => h.voice === 'hat' && h.time > after + 0.01);
  return next ? Math.round(next.time * SAMPLE_RATE) : Number.POSITIVE_INFINITY;
}
