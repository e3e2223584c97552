import type { Audio } from '../wav';
import {
  Noise,
  panGains,
  pingPong,
  place,
  room,
  SAMPLE_RATE,
  sine,
  stereo,
  Svf,
  type Stereo,
} from './dsp';
import { renderDrums } from './drum-kit';
import { seedOf } from './random';
import type { Part, Score } from './score';
import { noteFrames, recipeOf } from './voices';

/**
 * One stem from the shared score: the part's notes played by its voice, placed in the
 * stereo field (pan, a Haas copy, per-pitch spread, stereo detune, a rotary speaker or a
 * ping-pong echo, by instrument), 48 kHz stereo, as long as the score.
 */
/** A stem never clips its 16-bit file: louder ones are turned down to this peak. */
const MAX_PEAK = 0.89;
/**
 * Where each part sits in the balance: RMS (dBFS) while it plays. The stems arrive
 * gain-staged, so a plain sum is already a mix a producer would start from.
 */
const LEVEL_DB: Record<Part['role'], number> = {
  drums: -19,
  bass: -20,
  chords: -21,
  melody: -21,
  pad: -24,
  arp: -24,
};
const BLOCK = SAMPLE_RATE / 10;

/**
 * The kit's room takes everything above the kick's fundamental: the snare's body and the
 * kick's beater ring in a stereo room, the low end stays mono. A drums-only master measured
 * 0.96-0.98 left/right correlation with the 250 Hz of the other instruments; 0.72-0.89 with this.
 */
const DRUM_ROOM_CROSSOVER_HZ = 110;

/** RMS over the 100 ms blocks where the part plays (40 dB below its loudest and up). */
function playingRms(signal: Stereo): number {
  const powers: number[] = [];
  for (let start = 0; start + BLOCK <= signal.left.length; start += BLOCK) {
    let sum = 0;
    for (let i = start; i < start + BLOCK; i++) sum += signal.left[i] ** 2 + signal.right[i] ** 2;
    powers.push(sum / (2 * BLOCK));
  }
  const loudest = Math.max(0, ...powers);
  const playing = powers.filter((p) => p > loudest * 1e-4);
  return Math.sqrt(playing.reduce((a, b) => a + b, 0) / Math.max(1, playing.length));
}
/** How much of each family's sound reaches the room; the bass stays dry and mono. */
const ROOM: Partial<Record<Part['voice'], number>> = {
  // The kit is heard through its room: a stereo image of its own, not a mono stem.
  drums: 1,
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

function playNotes(part: Part, frames: number, seed: number): Stereo {
  const recipe = recipeOf(part.voice, part.bassSound);
  const noise = new Noise(seed);
  const out = stereo(frames);
  const [basePanL, basePanR] = panGains(part.pan);
  for (const note of part.notes) {
    const start = Math.round(note.time * SAMPLE_RATE);
    if (start >= frames) continue;
    const length = Math.min(noteFrames(note, recipe.release), frames - start);
    // A piano's low notes sit left and its high notes right, as the player hears them.
    const spread = part.voice === 'piano' || part.voice === 'harp' ? (note.midi - 62) / 50 : 0;
    const [gl, gr] = spread === 0 ? [basePanL, basePanR] : panGains(part.pan + spread);
    if (recipe.stereo) {
      for (const channel of [0, 1] as const) {
        const buffer = new Float32Array(length);
        recipe.play(note, buffer, channel, noise);
        const target = channel === 0 ? out.left : out.right;
        const gain = (channel === 0 ? gl : gr) * Math.SQRT2;
        for (let i = 0; i < length; i++) target[start + i] += buffer[i] * gain;
      }
    } else {
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
      const filter = new Svf(recipe.busFilter, 0.6);
      for (let i = 0; i < frames; i++) channel[i] = filter.process(channel[i]);
    }
  }
  return out;
}

/** Widening that a player's rig would add: a Haas double, a rotary speaker, an echo. */
function widen(part: Part, signal: Stereo, beatSeconds: number): Stereo {
  switch (part.voice) {
    case 'guitar':
    case 'brass':
    case 'reed': {
      const out = stereo(signal.left.length);
      const mono = signal.left.map((x, i) => (x + signal.right[i]) * 0.7071);
      place(out, mono, part.pan, part.voice === 'guitar' ? 17 : 11, 0.55);
      return out;
    }
    case 'organ':
    case 'electric-piano': {
      // Rotary speaker (organ) or tremolo (e-piano): the sides swell in turn.
      const rate = part.voice === 'organ' ? 5.8 : 3.2;
      for (let i = 0; i < signal.left.length; i++) {
        const lfo = sine((rate * i) / SAMPLE_RATE) * 0.35;
        signal.left[i] *= 1 + lfo;
        signal.right[i] *= 1 - lfo;
      }
      return signal;
    }
    case 'synth-lead':
    case 'arp-synth':
    case 'bell':
    case 'flute':
      pingPong(signal, beatSeconds * 0.75, 0.38, part.voice === 'synth-lead' ? 0.28 : 0.35);
      return signal;
    default:
      return signal;
  }
}

export function renderStem(score: Score, instrument: string): Audio {
  const part = score.parts.find((p) => p.instrument === instrument);
  if (!part) throw new Error(`the score has no part for ${instrument}`);
  const frames = Math.round(score.seconds * SAMPLE_RATE);
  const seed = (score.seed ^ seedOf(instrument)) >>> 0;
  let signal: Stereo;
  if (part.role === 'drums') {
    signal = stereo(frames);
    renderDrums(part.hits, signal, seed, score.style);
  } else {
    signal = widen(part, playNotes(part, frames, seed), score.beatSeconds);
  }
  const space = ROOM[part.voice];
  if (space) room(signal, space, part.role === 'drums' ? DRUM_ROOM_CROSSOVER_HZ : undefined);
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
  return { sampleRate: SAMPLE_RATE, channels: [signal.left, signal.right] };
}
