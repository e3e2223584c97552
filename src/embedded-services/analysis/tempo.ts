import { fft, ifft, nextPowerOfTwo } from './fft';
import type { OnsetStrength } from './onset-strength';

/**
 * Tempo from the periodicities of the onset-strength envelope. Two views of them are
 * multiplied: the Fourier spectrum of the envelope summed over the harmonics of a tempo
 * (high at the beat and at its multiples: double time), and its autocorrelation summed over
 * multiples of the beat period (high at the beat and at its divisions: half time). Only the
 * tempo a listener taps scores in both; a broad preference for moderate tempi settles the
 * rest. Both are read at fractional frequencies and lags, so the answer is not tied to the
 * frame grid.
 */
export const MIN_BPM = 50;
export const MAX_BPM = 200;
const GRID_STEP_BPM = 0.05;
/** Harmonics of the beat frequency in the spectrum, and multiples of its period in the autocorrelation. */
const HARMONICS = 4;
/** A log-normal preference centred here, one standard deviation this many octaves wide. */
const PRIOR_CENTRE_BPM = 100;
const PRIOR_OCTAVES = 1.5;
/** The spectrum is sampled at least this finely (zero padding), in frames of the transform. */
const MIN_TRANSFORM = 65_536;

interface Periodicity {
  /** |X| of the Hann-windowed envelope, bin k at k * frameRate / size Hz. */
  magnitude: Float64Array;
  /** Autocorrelation by lag in frames, normalised so lag 0 is 1 and unbiased for overlap. */
  autocorrelation: Float64Array;
  size: number;
  frameRate: number;
}

function periodicity({ envelope, frameRate }: OnsetStrength): Periodicity | null {
  const n = envelope.length;
  let mean = 0;
  for (const v of envelope) mean += v / n;
  const size = Math.max(MIN_TRANSFORM, nextPowerOfTwo(2 * n));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = envelope[i] - mean;
  fft(re, im);
  const power = new Float64Array(size);
  for (let k = 0; k < size; k++) power[k] = re[k] * re[k] + im[k] * im[k];
  im.fill(0);
  ifft(power, im);
  if (!(power[0] > 0)) return null;
  const autocorrelation = new Float64Array(n);
  for (let lag = 0; lag < n; lag++)
    autocorrelation[lag] = (power[lag] / power[0]) * (n / (n - lag));

  re.fill(0);
  im.fill(0);
  for (let i = 0; i < n; i++) {
    const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1 || 1));
    re[i] = (envelope[i] - mean) * window;
  }
  fft(re, im);
  const magnitude = new Float64Array(size / 2);
  for (let k = 0; k < size / 2; k++) magnitude[k] = Math.hypot(re[k], im[k]);
  return { magnitude, autocorrelation, size, frameRate };
}

/** Linear interpolation of `values` at a fractional index (0 outside). */
function at(values: Float64Array, index: number): number {
  const i = Math.floor(index);
  if (i < 0 || i + 1 >= values.length) return 0;
  const t = index - i;
  return values[i] * (1 - t) + values[i + 1] * t;
}

/** How strongly the envelope pulses at `bpm`, before the preference for moderate tempi. */
function salience(p: Periodicity, bpm: number): number {
  const hz = bpm / 60;
  const period = (60 * p.frameRate) / bpm;
  let spectral = 0;
  let temporal = 0;
  for (let h = 1; h <= HARMONICS; h++) {
    spectral += at(p.magnitude, (h * hz * p.size) / p.frameRate);
    temporal += Math.max(0, at(p.autocorrelation, h * period));
  }
  return spectral * temporal;
}

function prior(bpm: number): number {
  return Math.exp(-0.5 * (Math.log2(bpm / PRIOR_CENTRE_BPM) / PRIOR_OCTAVES) ** 2);
}

/** The tempo in BPM (one decimal), or null when nothing in the signal pulses. */
export function estimateTempo(onsets: OnsetStrength): number | null {
  const p = periodicity(onsets);
  if (!p) return null;
  const steps = Math.round((MAX_BPM - MIN_BPM) / GRID_STEP_BPM);
  const scores = new Float64Array(steps + 1);
  let best = -1;
  for (let i = 0; i <= steps; i++) {
    const bpm = MIN_BPM + i * GRID_STEP_BPM;
    scores[i] = salience(p, bpm) * prior(bpm);
    if (best < 0 || scores[i] > scores[best]) best = i;
  }
  if (!(scores[best] > 0)) return null;
  let offset = 0;
  if (best > 0 && best < steps) {
    const [before, peak, after] = [scores[best - 1], scores[best], scores[best + 1]];
    const curvature = before - 2 * peak + after;
    if (curvature < 0) offset = (0.5 * (before - after)) / curvature;
  }
  return Math.round((MIN_BPM + (best + offset) * GRID_STEP_BPM) * 10) / 10;
}
