import { filter, highPass, highShelf, lowPass, peaking, type Biquad } from '../audio/biquad';
import { compress } from '../audio/compressor';
import { integratedLoudness as loudnessAt } from '../audio/loudness';
import { MASTER_TARGET, normaliseLoudness } from '../audio/loudness-target';
import { reverb } from '../audio/reverb';
import { stereoCorrelation } from '../audio/stereo';
import { fromDb } from '../audio/true-peak';
import type { Audio } from './wav';

/**
 * The embedded mixing and mastering chain: per stem, gain staging to a loudness set by its
 * role, EQ and (for a mono stem) a place in the stereo field; a reverb send; the bus with a
 * glue compressor and a width guard; then the master is brought to -14 LUFS integrated
 * under a -1.2 dBTP ceiling by the look-ahead true-peak limiter, measured again and adjusted
 * until it is there (see src/audio/loudness-target.ts).
 */

export const MASTER_SAMPLE_RATE = 48_000;
export const TARGET_LUFS = MASTER_TARGET.lufs;
/** The true-peak ceiling a delivered master keeps to (the aim is 0.2 dB below it). */
export const CEILING = fromDb(-1);
/** The width guard's aim: a master's left/right correlation is kept at or below this. */
export const MAX_CORRELATION = 0.85;
/** How far the width guard may raise the side signal. */
const MAX_SIDE_GAIN = 3;
/** A tail after the longest stem, so the reverb rings out instead of being cut. */
export const TAIL_SECONDS = 0.8;

/** What a stem does in the mix, from its instrument name. */
type Role = 'drums' | 'bass' | 'lead' | 'harmony' | 'pad' | 'other';

interface RoleSettings {
  /** Gain staging: the stem's own integrated loudness before it meets the bus. */
  lufs: number;
  eq: (rate: number) => Biquad[];
  /** Level sent to the reverb (linear). */
  send: number;
  /** Pan of a mono stem, -1 (left) to 1 (right); a stereo stem keeps its own image. */
  pan: number;
}

const ROLES: Record<Role, RoleSettings> = {
  drums: {
    lufs: -17,
    eq: (r) => [highPass(30, 0.707, r), highShelf(8000, 1.5, r)],
    send: 0.08,
    pan: 0,
  },
  bass: {
    lufs: -18.5,
    eq: (r) => [highPass(32, 0.707, r), lowPass(6000, 0.707, r), peaking(250, 1, -1.5, r)],
    send: 0,
    pan: 0,
  },
  lead: {
    lufs: -19.5,
    eq: (r) => [highPass(150, 0.707, r), peaking(3000, 0.9, 2, r)],
    send: 0.22,
    pan: 0.15,
  },
  harmony: {
    lufs: -21,
    eq: (r) => [highPass(110, 0.707, r), peaking(320, 1, -2.5, r)],
    send: 0.2,
    pan: -0.35,
  },
  pad: {
    lufs: -23,
    eq: (r) => [highPass(150, 0.707, r), peaking(350, 0.8, -2, r), highShelf(9000, -2, r)],
    send: 0.35,
    pan: 0.3,
  },
  other: { lufs: -21, eq: (r) => [highPass(80, 0.707, r)], send: 0.15, pan: 0.4 },
};

const ROLE_WORDS: [Role, RegExp][] = [
  ['drums', /drum|kick|snare|hat|perc|beat|808|clap|cymbal/],
  ['bass', /bass/],
  ['pad', /pad|string|choir|ambien|drone|atmos/],
  ['lead', /lead|melod|vocal|voice|flute|sax|trumpet|brass|violin|whistle|solo/],
  ['harmony', /piano|key|organ|rhodes|guitar|arp|pluck|synth|chord|harp|bell|marimba/],
];

/** The role of a stem named after its instrument (`job_x_piano.wav`, `piano`, ...). */
export function roleOf(name: string | undefined): Role {
  const base = (name ?? '').toLowerCase();
  return ROLE_WORDS.find(([, words]) => words.test(base))?.[0] ?? 'other';
}

/** Linear resampling to 48 kHz; a mono stem stays mono for the panner. */
function at48k(audio: Audio): Float32Array[] {
  const ratio = audio.sampleRate / MASTER_SAMPLE_RATE;
  const source = audio.channels.slice(0, 2);
  if (ratio === 1) return source;
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

/** A mono stem placed by constant-power panning; a stereo stem as it is. */
function placed(channels: Float32Array[], pan: number): [Float32Array, Float32Array] {
  if (channels.length >= 2) return [channels[0], channels[1]];
  const angle = ((pan + 1) * Math.PI) / 4;
  const mono = channels[0];
  const left = mono.map((v) => v * Math.cos(angle) * Math.SQRT2);
  const right = mono.map((v) => v * Math.sin(angle) * Math.SQRT2);
  return [left, right];
}

/** Widens a master whose channels are too alike by raising its side signal (M/S). */
function widthGuard(mix: Float32Array[]): void {
  const correlation = stereoCorrelation(mix);
  if (correlation <= MAX_CORRELATION) return;
  const [left, right] = mix;
  let mid = 0;
  let side = 0;
  for (let i = 0; i < left.length; i++) {
    mid += ((left[i] + right[i]) / 2) ** 2;
    side += ((left[i] - right[i]) / 2) ** 2;
  }
  if (side === 0) return; // nothing to widen: the reverb's return is what makes it stereo
  const t = MAX_CORRELATION;
  const gain = Math.min(MAX_SIDE_GAIN, Math.sqrt((mid * (1 - t)) / (side * (1 + t))));
  for (let i = 0; i < left.length; i++) {
    const m = (left[i] + right[i]) / 2;
    const s = ((left[i] - right[i]) / 2) * gain;
    left[i] = m + s;
    right[i] = m - s;
  }
}

/**
 * Mixes and masters stems into a 48 kHz stereo master at -14 LUFS, at most -1.2 dBTP.
 * `names` (instrument names or file names, in the order of `stems`) choose each stem's
 * role; without them every stem is mixed as `other`.
 */
export function mixAndMaster(stems: Audio[], names: readonly string[] = []): Audio {
  const rate = MASTER_SAMPLE_RATE;
  const prepared = stems.map(at48k);
  const length = Math.max(0, ...prepared.map((s) => s[0]?.length ?? 0));
  const frames = length + Math.round(TAIL_SECONDS * rate);
  const mix = [new Float32Array(frames), new Float32Array(frames)];
  const send = new Float32Array(frames);
  const panned = new Map<Role, number>();

  prepared.forEach((channels, index) => {
    if (channels.length === 0) return;
    const role = roleOf(names[index]);
    const settings = ROLES[role];
    // Two mono stems of one role go to opposite sides.
    const seen = panned.get(role) ?? 0;
    panned.set(role, seen + 1);
    const pan = seen % 2 === 0 ? settings.pan : -settings.pan;
    const equalised = channels.map((channel) => filter(channel, ...settings.eq(rate)));
    const [left, right] = placed(equalised, pan);
    const loudness = loudnessAt([left, right], rate);
    const gain = Number.isFinite(loudness) ? fromDb(settings.lufs - loudness) : 1;
    for (let i = 0; i < left.length; i++) {
      const l = left[i] * gain;
      const r = right[i] * gain;
      mix[0][i] += l;
      mix[1][i] += r;
      send[i] += ((l + r) / 2) * settings.send;
    }
  });

  const [wetLeft, wetRight] = reverb(filter(send, highPass(200, 0.707, rate)), rate);
  for (let i = 0; i < frames; i++) {
    mix[0][i] += wetLeft[i];
    mix[1][i] += wetRight[i];
  }
  const glued = compress(mix, rate).channels;
  widthGuard(glued);
  const mastered = normaliseLoudness(glued, rate);
  return { sampleRate: rate, channels: mastered?.channels ?? glued };
}

/** Integrated loudness (BS.1770-4) of channels at `sampleRate` (48 kHz by default). */
export function integratedLoudness(
  channels: Float32Array[],
  sampleRate = MASTER_SAMPLE_RATE,
): number {
  return loudnessAt(channels, sampleRate);
}
