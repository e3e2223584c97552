import type { Audio } from './wav';

export const STEM_SAMPLE_RATE = 48_000;
const DEFAULT_TEMPO = 100;
const DEFAULT_KEY = 'C minor';
const NOTE_INDEX: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];
/** Scale degrees of each bar's chord: i-VI-III-VII in minor, I-V-vi-IV in major. */
const PROGRESSION = { minor: [0, 5, 2, 6], major: [0, 4, 5, 3] };

export interface StemSpec {
  tempo: number | null;
  key: string | null;
  mood: string | null;
}

interface Timing {
  beat: number;
  bars: number;
  frames: number;
}

/** Deterministic noise: the same prompt renders the same stem. */
function noise(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  return h >>> 0;
}

function parseKey(key: string | null): { root: number; minor: boolean } {
  const match =
    /^([A-G])([#b]?)\s*(major|minor)?/i.exec(key ?? DEFAULT_KEY) ??
    /^(C)()\s*(minor)/.exec('C minor')!;
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  return {
    root: (NOTE_INDEX[match[1].toUpperCase()] + accidental + 12) % 12,
    minor: (match[3] ?? 'major').toLowerCase() === 'minor',
  };
}

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** MIDI notes of the chord for `bar`, built on the scale of the key, in the given octave. */
function chord(key: { root: number; minor: boolean }, bar: number, octave: number): number[] {
  const scale = key.minor ? MINOR_SCALE : MAJOR_SCALE;
  const degree = (key.minor ? PROGRESSION.minor : PROGRESSION.major)[bar % 4];
  return [0, 2, 4].map((step) => {
    const index = degree + step;
    return 12 * (octave + 1) + key.root + scale[index % 7] + 12 * Math.floor(index / 7);
  });
}

function addTone(
  out: Float32Array,
  start: number,
  length: number,
  frequency: number,
  gain: number,
  decay: number,
  partials = [1],
): void {
  const end = Math.min(out.length, start + length);
  for (let i = start; i < end; i++) {
    const t = (i - start) / STEM_SAMPLE_RATE;
    const envelope = Math.min(1, t * 200) * Math.exp(-t * decay);
    let sample = 0;
    partials.forEach(
      (amplitude, n) => (sample += amplitude * Math.sin(2 * Math.PI * frequency * (n + 1) * t)),
    );
    out[i] += gain * envelope * sample;
  }
}

function renderDrums(out: Float32Array, timing: Timing, random: () => number): void {
  const beat = Math.round(timing.beat * STEM_SAMPLE_RATE);
  for (let b = 0; b < timing.bars * 4; b++) {
    const start = b * beat;
    if (b % 2 === 0) {
      for (let i = 0; i < beat && start + i < out.length; i++) {
        const t = i / STEM_SAMPLE_RATE;
        const phase = 2 * Math.PI * (50 * t + (70 / 30) * (1 - Math.exp(-30 * t)));
        out[start + i] += 0.9 * Math.exp(-t * 9) * Math.sin(phase);
      }
    } else {
      for (let i = 0; i < beat / 2 && start + i < out.length; i++) {
        const t = i / STEM_SAMPLE_RATE;
        out[start + i] +=
          Math.exp(-t * 22) * (0.45 * random() + 0.25 * Math.sin(2 * Math.PI * 185 * t));
      }
    }
    for (let half = 0; half < 2; half++) {
      const hat = start + (half * beat) / 2;
      let previous = 0;
      for (let i = 0; i < beat / 8 && hat + i < out.length; i++) {
        const white = random();
        out[Math.floor(hat + i)] +=
          0.18 * Math.exp(-(i / STEM_SAMPLE_RATE) * 70) * (white - previous);
        previous = white;
      }
    }
  }
}

/** Renders one instrument's stem: `bars` bars of 4/4 at the spec's tempo and key, 48 kHz stereo. */
export function renderStem(instrument: string, spec: StemSpec, bars = 8): Audio {
  const tempo = spec.tempo && spec.tempo >= 30 && spec.tempo <= 300 ? spec.tempo : DEFAULT_TEMPO;
  const timing: Timing = {
    beat: 60 / tempo,
    bars,
    frames: Math.round(bars * 4 * (60 / tempo) * STEM_SAMPLE_RATE),
  };
  const key = parseKey(spec.key);
  const random = noise(hash(`${instrument}|${tempo}|${spec.key}|${spec.mood}`));
  const mono = new Float32Array(timing.frames);
  const barFrames = Math.round(4 * timing.beat * STEM_SAMPLE_RATE);
  const beatFrames = Math.round(timing.beat * STEM_SAMPLE_RATE);
  const soft =
    spec.mood !== null &&
    /chill|calm|smooth|relaxed|mellow|dreamy|sad|melancholic|peaceful/.test(spec.mood);

  for (let bar = 0; bar < bars; bar++) {
    const barStart = bar * barFrames;
    switch (instrument) {
      case 'drums':
        break;
      case 'bass': {
        const root = chord(key, bar, 1)[0];
        for (let eighth = 0; eighth < 8; eighth++) {
          addTone(
            mono,
            barStart + (eighth * beatFrames) / 2,
            beatFrames / 2,
            hz(root),
            0.5,
            6,
            [1, 0.4, 0.2],
          );
        }
        break;
      }
      case 'piano':
        for (const note of chord(key, bar, 4))
          addTone(mono, barStart, barFrames, hz(note), 0.22, soft ? 1.2 : 2, [1, 0.5, 0.25, 0.12]);
        break;
      case 'synth':
      case 'pad':
      case 'strings':
        for (const note of chord(key, bar, 3)) {
          addTone(mono, barStart, barFrames, hz(note) * 1.003, 0.1, 0.4, [1, 0.5, 0.33, 0.25, 0.2]);
          addTone(mono, barStart, barFrames, hz(note) * 0.997, 0.1, 0.4, [1, 0.5, 0.33, 0.25, 0.2]);
        }
        break;
      case 'lead': {
        const scale = key.minor ? MINOR_SCALE : MAJOR_SCALE;
        let degree = 7;
        for (let eighth = 0; eighth < 8; eighth++) {
          degree = Math.max(0, Math.min(14, degree + Math.round(random() * 2)));
          if (random() < -0.6) continue; // a rest now and then
          const midi = 72 + key.root + scale[degree % 7] + 12 * Math.floor(degree / 7) - 12;
          addTone(
            mono,
            barStart + (eighth * beatFrames) / 2,
            beatFrames / 2,
            hz(midi),
            0.25,
            5,
            [1, 0.3, 0.1],
          );
        }
        break;
      }
      default: {
        const notes = chord(key, bar, 4);
        for (let beat = 0; beat < 4; beat++) {
          addTone(
            mono,
            barStart + beat * beatFrames,
            beatFrames,
            hz(notes[beat % 3]),
            0.25,
            3,
            [1, 0, 0.11, 0, 0.04],
          );
        }
      }
    }
  }
  if (instrument === 'drums') renderDrums(mono, timing, random);
  const pan = ((hash(instrument) % 100) / 100 - 0.5) * 0.6;
  const left = new Float32Array(mono.length);
  const right = new Float32Array(mono.length);
  for (let i = 0; i < mono.length; i++) {
    left[i] = mono[i] * Math.cos(((pan + 1) * Math.PI) / 4);
    right[i] = mono[i] * Math.sin(((pan + 1) * Math.PI) / 4);
  }
  return { sampleRate: STEM_SAMPLE_RATE, channels: [left, right] };
}
