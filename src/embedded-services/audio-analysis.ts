import type { StyleFeatures } from '../clients/contracts';
import { Audio, downmix } from './wav';

const ANALYSIS_RATE = 11_025;
const HOP = 128;
const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
// Krumhansl-Schmuckler key profiles.
const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
const SECTION_LABELS = ['intro', 'verse', 'chorus', 'bridge', 'outro'];

/** Averages blocks of samples: a cheap low-pass and decimation to about 11 kHz. */
function decimate(
  signal: Float32Array,
  sampleRate: number,
): { signal: Float32Array; rate: number } {
  const factor = Math.max(1, Math.floor(sampleRate / ANALYSIS_RATE));
  const out = new Float32Array(Math.floor(signal.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let j = 0; j < factor; j++) sum += signal[i * factor + j];
    out[i] = sum / factor;
  }
  return { signal: out, rate: sampleRate / factor };
}

/** Tempo from the autocorrelation of an onset-strength envelope, searched over 60-200 bpm. */
export function estimateTempo(signal: Float32Array, rate: number): number {
  const frames = Math.floor(signal.length / HOP);
  const onset = new Float32Array(frames);
  let previous = 0;
  for (let f = 0; f < frames; f++) {
    let energy = 0;
    for (let i = f * HOP; i < (f + 1) * HOP; i++) energy += signal[i] * signal[i];
    const level = Math.log1p(1000 * energy);
    onset[f] = Math.max(0, level - previous);
    previous = level;
  }
  // Smoothing spreads each onset over neighbouring frames, so a beat period that falls
  // between two integer lags still correlates.
  for (let pass = 0; pass < 2; pass++) {
    let prev = onset[0];
    for (let f = 1; f < frames - 1; f++) {
      const current = onset[f];
      onset[f] = 0.25 * prev + 0.5 * current + 0.25 * onset[f + 1];
      prev = current;
    }
  }
  const framesPerSecond = rate / HOP;
  const minLag = Math.floor((60 / 200) * framesPerSecond);
  const maxLag = Math.min(frames - 1, Math.ceil((60 / 60) * framesPerSecond));
  const score = (lag: number) => {
    let sum = 0;
    for (let f = lag; f < frames; f++) sum += onset[f] * onset[f - lag];
    return sum / (frames - lag);
  };
  let bestLag = 0;
  let bestScore = -Infinity;
  const scores = new Map<number, number>();
  for (let lag = minLag; lag <= maxLag; lag++) {
    const bpm = (60 * framesPerSecond) / lag;
    // A preference for tempos near 120 bpm resolves half/double-time ambiguity.
    const weighted = score(lag) * Math.exp(-0.5 * (Math.log2(bpm / 120) / 0.9) ** 2);
    scores.set(lag, weighted);
    if (weighted > bestScore) {
      bestScore = weighted;
      bestLag = lag;
    }
  }
  if (bestLag === 0) return 120;
  const before = scores.get(bestLag - 1) ?? bestScore;
  const after = scores.get(bestLag + 1) ?? bestScore;
  const denominator = before - 2 * bestScore + after;
  const refined = denominator === 0 ? bestLag : bestLag + (0.5 * (before - after)) / denominator;
  return Math.round(((60 * framesPerSecond) / refined) * 10) / 10;
}

function goertzelPower(signal: Float32Array, rate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < signal.length; i++) {
    const s0 = signal[i] + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

/**
 * Key from a 12-bin chroma matched against major and minor profiles. The chroma sums
 * Goertzel magnitudes over half-second frames: one long window would let repeated notes
 * cancel each other out by phase.
 */
export function estimateKey(signal: Float32Array, rate: number): string | null {
  const chroma = new Array<number>(12).fill(0);
  const excerpt = signal.subarray(0, Math.min(signal.length, rate * 30));
  const frame = Math.floor(rate / 2);
  for (let start = 0; start + frame <= excerpt.length; start += frame) {
    const window = excerpt.subarray(start, start + frame);
    for (let midi = 40; midi < 84; midi++) {
      const frequency = 440 * 2 ** ((midi - 69) / 12);
      if (frequency >= rate / 2) break;
      chroma[midi % 12] += Math.sqrt(goertzelPower(window, rate, frequency));
    }
  }
  if (chroma.every((v) => v === 0)) return null;
  let best = { score: -Infinity, name: '' };
  for (let tonic = 0; tonic < 12; tonic++) {
    for (const [profile, quality] of [
      [MAJOR, 'major'],
      [MINOR, 'minor'],
    ] as const) {
      const rotated = chroma.map((_, i) => profile[(i - tonic + 12) % 12]);
      const score = correlation(chroma, rotated);
      if (score > best.score) best = { score, name: `${NOTE_NAMES[tonic]} ${quality}` };
    }
  }
  return best.name;
}

function correlation(a: number[], b: number[]): number {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Sections split where the loudness changes most, at least 4 s apart, labelled in song order. */
export function segment(signal: Float32Array, rate: number): StyleFeatures['segments'] {
  const duration = signal.length / rate;
  if (duration < 8) return [{ start_time: 0, end_time: round(duration), label: 'intro' }];
  const windowSeconds = 1;
  const window = Math.floor(rate * windowSeconds);
  const levels: number[] = [];
  for (let start = 0; start + window <= signal.length; start += window) {
    let sum = 0;
    for (let i = start; i < start + window; i++) sum += signal[i] * signal[i];
    levels.push(10 * Math.log10(sum / window + 1e-12));
  }
  const changes = levels
    .slice(1)
    .map((level, i) => ({ at: (i + 1) * windowSeconds, size: Math.abs(level - levels[i]) }));
  const boundaries: number[] = [];
  for (const change of changes.sort((a, b) => b.size - a.size)) {
    if (boundaries.length >= SECTION_LABELS.length - 1 || change.size < 1.5) break;
    if (change.at < 4 || duration - change.at < 4) continue;
    if (boundaries.every((b) => Math.abs(b - change.at) >= 4)) boundaries.push(change.at);
  }
  const cuts = [0, ...boundaries.sort((a, b) => a - b), duration];
  return cuts.slice(0, -1).map((start, i) => ({
    start_time: round(start),
    end_time: round(cuts[i + 1]),
    label:
      i === cuts.length - 2 && i > 0
        ? 'outro'
        : SECTION_LABELS[Math.min(i, SECTION_LABELS.length - 2)],
  }));
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

/** What the style analysis service reports for a decoded track. */
export function analyzeAudio(audio: Audio): StyleFeatures {
  const { signal, rate } = decimate(downmix(audio), audio.sampleRate);
  return {
    tempo: estimateTempo(signal, rate),
    key: estimateKey(signal, rate),
    segments: segment(signal, rate),
  };
}
