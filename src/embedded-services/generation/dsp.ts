/**
 * The small signal-processing kit the instrument voices are built from: oscillators, a
 * state-variable filter, envelopes, noise and stereo placement. Plain loops over
 * Float32Arrays, no allocation per sample, so a stem costs a few milliseconds per second.
 */
export const SAMPLE_RATE = 48_000;

const TABLE_SIZE = 4096;
const SINE = Float64Array.from({ length: TABLE_SIZE + 1 }, (_, i) =>
  Math.sin((2 * Math.PI * i) / TABLE_SIZE),
);

/** sin(2π·phase) for a phase in cycles, from a table with linear interpolation. */
export function sine(phase: number): number {
  const position = (phase - Math.floor(phase)) * TABLE_SIZE;
  const index = position | 0;
  const low = SINE[index];
  return low + (SINE[index + 1] - low) * (position - index);
}

export const hz = (midi: number): number => 440 * 2 ** ((midi - 69) / 12);

/** PolyBLEP correction of a naive sawtooth's step, so high notes do not alias. */
export function blep(phase: number, increment: number): number {
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

/** A band-limited sawtooth oscillator in [-1, 1]. */
export class Saw {
  phase: number;
  constructor(phase = 0) {
    this.phase = phase;
  }
  next(increment: number): number {
    let phase = this.phase + increment;
    if (phase >= 1) phase -= 1;
    this.phase = phase;
    return 2 * phase - 1 - blep(phase, increment);
  }
}

/** Topology-preserving state-variable filter (Zavalishin): low-, band- and high-pass at once. */
export class Svf {
  private ic1 = 0;
  private ic2 = 0;
  private g = 0;
  private k = 1;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  low = 0;
  band = 0;
  high = 0;

  constructor(cutoff = 1000, resonance = 0.7) {
    this.set(cutoff, resonance);
  }

  set(cutoff: number, resonance = 0.7): void {
    const f = Math.min(Math.max(cutoff, 10), SAMPLE_RATE * 0.45);
    this.g = Math.tan((Math.PI * f) / SAMPLE_RATE);
    this.k = 1 / Math.max(resonance, 0.1);
    this.a1 = 1 / (1 + this.g * (this.g + this.k));
    this.a2 = this.g * this.a1;
    this.a3 = this.g * this.a2;
  }

  process(input: number): number {
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

/** Fast deterministic white noise in [-1, 1) (xorshift32), seeded per voice. */
export class Noise {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x1234567;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2_147_483_648 - 1;
  }
}

export interface Adsr {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

/**
 * An ADSR envelope read sample by sample: a linear attack, an exponential decay to the
 * sustain level, an exponential release from wherever the note was let go.
 */
export class Envelope {
  private level = 0;
  private frame = 0;
  private attacking = true;
  private readonly attackStep: number;
  private readonly decay: number;
  private readonly release: number;
  private readonly held: number;

  constructor(
    private readonly env: Adsr,
    heldSeconds: number,
  ) {
    this.attackStep = 1 / Math.max(1, env.attack * SAMPLE_RATE);
    this.decay = Math.exp(-1 / (Math.max(env.decay, 1e-4) * SAMPLE_RATE));
    this.release = Math.exp(-1 / (Math.max(env.release, 1e-4) * SAMPLE_RATE));
    this.held = Math.round(heldSeconds * SAMPLE_RATE);
  }

  next(): number {
    if (this.frame++ >= this.held) {
      this.level *= this.release;
    } else if (this.attacking) {
      this.level += this.attackStep;
      if (this.level >= 1) {
        this.level = 1;
        this.attacking = false;
      }
    } else {
      const sustain = this.env.sustain;
      this.level = sustain + (this.level - sustain) * this.decay;
    }
    return this.level;
  }
}

/** How long after note-on an envelope has faded below audibility (-43 dB). */
export function envelopeLength(env: Adsr, held: number): number {
  return held + env.release * 5;
}

export interface Stereo {
  left: Float32Array;
  right: Float32Array;
}

export function stereo(frames: number): Stereo {
  return { left: new Float32Array(frames), right: new Float32Array(frames) };
}

/** Constant-power gains of a pan position in [-1, 1]. */
export function panGains(pan: number): [number, number] {
  const angle = ((Math.max(-1, Math.min(1, pan)) + 1) * Math.PI) / 4;
  return [Math.cos(angle), Math.sin(angle)];
}

/**
 * Places a mono signal: panned, with an optional Haas copy (the signal again, `haasMs` later
 * and `haasGain` softer, on the side opposite the pan) that widens it without moving it.
 */
export function place(
  out: Stereo,
  mono: Float32Array,
  pan: number,
  haasMs = 0,
  haasGain = 0,
): void {
  const [gl, gr] = panGains(pan);
  const delay = Math.round((haasMs / 1000) * SAMPLE_RATE);
  const toRight = pan <= 0;
  const n = Math.min(mono.length, out.left.length);
  for (let i = 0; i < n; i++) {
    const x = mono[i];
    const late = delay > 0 && i >= delay ? mono[i - delay] * haasGain : 0;
    out.left[i] += x * gl + (toRight ? 0 : late);
    out.right[i] += x * gr + (toRight ? late : 0);
  }
}

/** A ping-pong echo (left, then right, then left...) mixed into the stem at `mix`. */
export function pingPong(out: Stereo, delaySeconds: number, feedback: number, mix: number): void {
  const delay = Math.max(1, Math.round(delaySeconds * SAMPLE_RATE));
  const n = out.left.length;
  const lineL = new Float32Array(n);
  const lineR = new Float32Array(n);
  let damp = 0;
  for (let i = 0; i < n; i++) {
    const fromR = i >= delay ? lineR[i - delay] : 0;
    const fromL = i >= delay ? lineL[i - delay] : 0;
    const input = (out.left[i] + out.right[i]) * 0.5;
    damp += 0.35 * (input + fromR * feedback - damp); // darker repeats, like a tape echo
    lineL[i] = damp;
    lineR[i] = fromL;
  }
  for (let i = 0; i < n; i++) {
    out.left[i] += mix * lineL[i];
    out.right[i] += mix * lineR[i];
  }
}

/** Gentle saturation: warmth and a rounded peak instead of a hard clip; 1 stays 1. */
export function saturate(x: number, drive: number): number {
  return Math.tanh(x * drive) / Math.tanh(drive);
}

const ROOM_TAPS: [leftMs: number, rightMs: number, gain: number][] = [
  [7.1, 9.7, 0.5],
  [13.3, 11.9, 0.42],
  [19.7, 23.1, 0.36],
  [31.3, 27.7, 0.3],
  [41.9, 37.3, 0.24],
  [47.3, 53.9, 0.19],
  [61.7, 67.1, 0.14],
  [79.3, 73.9, 0.1],
];

/**
 * Early reflections of a small room, different on each side, above `crossoverHz` only: puts
 * an instrument in a space and decorrelates the sides while the low end stays mono.
 */
export function room(out: Stereo, amount: number, crossoverHz = 250): void {
  const n = out.left.length;
  const send = new Float32Array(n);
  const coefficient = Math.exp((-2 * Math.PI * crossoverHz) / SAMPLE_RATE);
  let low = 0;
  for (let i = 0; i < n; i++) {
    const mid = (out.left[i] + out.right[i]) * 0.5;
    low = mid + coefficient * (low - mid);
    send[i] = (mid - low) * amount;
  }
  for (const [leftMs, rightMs, gain] of ROOM_TAPS) {
    const dl = Math.round((leftMs / 1000) * SAMPLE_RATE);
    const dr = Math.round((rightMs / 1000) * SAMPLE_RATE);
    for (let i = dl; i < n; i++) out.left[i] += send[i - dl] * gain;
    for (let i = dr; i < n; i++) out.right[i] += send[i - dr] * gain;
  }
}
