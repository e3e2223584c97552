import { fft } from './fft';

/**
 * The signal the analysis works on: the mono mix low-passed and decimated to about 11 kHz
 * (everything tempo, key and sections need sits below 5 kHz), and its short-time power
 * spectra.
 */
export const ANALYSIS_RATE = 11_025;
/** Half-length of the anti-alias filter, in input samples per decimation step. */
const FILTER_ZEROS = 4;

export interface Signal {
  samples: Float32Array;
  rate: number;
}

/** Power spectra of Hann-windowed frames: `power[frame * bins + bin]`, bin k at k * rate / size Hz. */
export interface Spectrogram {
  power: Float32Array;
  frames: number;
  /** size / 2 + 1 */
  bins: number;
  size: number;
  hop: number;
  rate: number;
}

/** Low-pass (windowed sinc at 0.45 of the new rate) and keep every `factor`-th sample. */
export function decimate(samples: Float32Array, sampleRate: number): Signal {
  const factor = Math.max(1, Math.round(sampleRate / ANALYSIS_RATE));
  if (factor === 1) return { samples, rate: sampleRate };
  const half = FILTER_ZEROS * factor;
  const cutoff = 0.9 / (2 * factor);
  const taps = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let i = -half; i <= half; i++) {
    const sinc = i === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * i) / (Math.PI * i);
    const window = 0.5 + 0.5 * Math.cos((Math.PI * i) / (half + 1));
    taps[i + half] = sinc * window;
    sum += sinc * window;
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum;
  const out = new Float32Array(Math.floor(samples.length / factor));
  for (let n = 0; n < out.length; n++) {
    const centre = n * factor;
    const from = Math.max(0, centre - half);
    const to = Math.min(samples.length - 1, centre + half);
    let acc = 0;
    for (let i = from; i <= to; i++) acc += samples[i] * taps[i - centre + half];
    out[n] = acc;
  }
  return { samples: out, rate: sampleRate / factor };
}

const windows = new Map<number, Float64Array>();

function hann(size: number): Float64Array {
  let window = windows.get(size);
  if (!window) {
    window = Float64Array.from(
      { length: size },
      (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size),
    );
    windows.set(size, window);
  }
  return window;
}

/**
 * Short-time power spectra, a frame centred every `hop` samples (zero-padded at the ends).
 * Frames go through the FFT in pairs, one as the real and one as the imaginary part, and
 * are told apart by the symmetry of real signals' spectra: half the transforms.
 */
export function powerSpectrogram(signal: Signal, size: number, hop: number): Spectrogram {
  const { samples, rate } = signal;
  const frames = Math.max(1, Math.ceil(samples.length / hop));
  const bins = size / 2 + 1;
  const power = new Float32Array(frames * bins);
  const window = hann(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const load = (target: Float64Array, frame: number) => {
    // Frames are centred on frame * hop, so frame times are frame * hop / rate.
    const start = frame * hop - size / 2;
    for (let i = 0; i < size; i++) {
      const at = start + i;
      target[i] = frame < frames && at >= 0 && at < samples.length ? samples[at] * window[i] : 0;
    }
  };
  for (let f = 0; f < frames; f += 2) {
    load(re, f);
    load(im, f + 1);
    fft(re, im);
    const first = f * bins;
    const second = (f + 1) * bins;
    const hasSecond = f + 1 < frames;
    for (let k = 0; k < bins; k++) {
      const mirror = (size - k) % size;
      const [ar, ai, br, bi] = [re[k], im[k], re[mirror], im[mirror]];
      power[first + k] = ((ar + br) ** 2 + (ai - bi) ** 2) / 4;
      if (hasSecond) power[second + k] = ((ai + bi) ** 2 + (ar - br) ** 2) / 4;
    }
  }
  return { power, frames, bins, size, hop, rate };
}
