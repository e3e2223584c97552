/**
 * True peak after ITU-R BS.1770-4 Annex 2: the signal is oversampled (4x by default, as the
 * standard asks at 48 kHz) with a windowed-sinc polyphase interpolator and the largest
 * absolute value of the interpolated signal is the true peak. The interpolator is twice as
 * long as the standard's example (96 taps, 24 per phase, Kaiser window): the example's 12
 * per phase roll off below Nyquist and read hat-heavy drum masters up to 0.5 dB under
 * ffmpeg's `ebur128=peak=true` (-1.2 here, -0.7 there); with 24 the two agree within 0.1 dB. Blocks of
 * frames whose neighbourhood cannot reach the level asked about (their largest sample times
 * the interpolator's largest gain) are not interpolated: that keeps metering a master cheap.
 */

export const OVERSAMPLING = 4;
const TAPS_PER_PHASE = 24;
/** Frames per block of the cheap pre-scan that skips blocks which cannot reach a level. */
const BLOCK = 64;
const KAISER_BETA = 6;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/**
 * phases[p][j]: the weight of sample n - TAPS/2 + 1 + j in the value at n + p / factor.
 * Phase 0 is the sample itself and is not computed.
 */
function interpolationPhases(factor: number): Float64Array[] {
  const half = TAPS_PER_PHASE / 2;
  const phases: Float64Array[] = [];
  for (let p = 0; p < factor; p++) {
    const fraction = p / factor;
    const taps = new Float64Array(TAPS_PER_PHASE);
    let sum = 0;
    for (let j = 0; j < TAPS_PER_PHASE; j++) {
      const t = j - half + 1 - fraction; // distance of the tap from the interpolated point
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      const r = t / half;
      const window = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r));
      taps[j] = (sinc * window) / besselI0(KAISER_BETA);
      sum += taps[j];
    }
    for (let j = 0; j < TAPS_PER_PHASE; j++) taps[j] /= sum; // unity gain at DC
    phases.push(taps);
  }
  return phases;
}

interface Interpolator {
  phases: Float64Array[];
  /** The largest sum of absolute weights of a phase: no interpolated value exceeds the samples' peak times this. */
  bound: number;
}

const INTERPOLATORS = new Map<number, Interpolator>();

function interpolatorFor(factor: number): Interpolator {
  let interpolator = INTERPOLATORS.get(factor);
  if (!interpolator) {
    const phases = interpolationPhases(factor);
    const bound = Math.max(1, ...phases.map((taps) => taps.reduce((s, t) => s + Math.abs(t), 0)));
    interpolator = { phases, bound };
    INTERPOLATORS.set(factor, interpolator);
  }
  return interpolator;
}

/** The largest absolute sample of each block of BLOCK frames. */
function blockPeaks(channel: Float32Array): Float32Array {
  const peaks = new Float32Array(Math.ceil(channel.length / BLOCK));
  for (let i = 0; i < channel.length; i++) {
    const magnitude = Math.abs(channel[i]);
    const b = (i / BLOCK) | 0;
    if (magnitude > peaks[b]) peaks[b] = magnitude;
  }
  return peaks;
}

/**
 * For each frame n, the largest absolute value of the oversampled signal over [n, n + 1),
 * across channels: the true-peak envelope a limiter works from. It is exact wherever the
 * signal can reach `floor`; elsewhere it holds the sample's own magnitude (below `floor`).
 */
export function truePeakEnvelope(
  channels: Float32Array[],
  floor = 0,
  factor = OVERSAMPLING,
): Float32Array {
  const frames = channels[0]?.length ?? 0;
  const envelope = new Float32Array(frames);
  const { phases, bound } = interpolatorFor(factor);
  const first = 1 - TAPS_PER_PHASE / 2;
  for (const channel of channels) {
    const peaks = blockPeaks(channel);
    for (let n = 0; n < frames; n++) {
      let peak = Math.abs(channel[n]);
      const b = (n / BLOCK) | 0;
      // The taps of a frame reach at most one block either side of its own.
      const near = Math.max(peaks[b], b > 0 ? peaks[b - 1] : 0, peaks[b + 1] ?? 0);
      if (near * bound < floor) {
        if (peak > envelope[n]) envelope[n] = peak;
        continue;
      }
      const start = n + first;
      const inside = start >= 0 && start + TAPS_PER_PHASE <= frames;
      if (factor === 4 && inside) {
        // The common case, unrolled: each sample is read once for the three phases.
        const h1 = phases[1];
        const h2 = phases[2];
        const h3 = phases[3];
        let v1 = 0;
        let v2 = 0;
        let v3 = 0;
        for (let j = 0; j < TAPS_PER_PHASE; j++) {
          const x = channel[start + j];
          v1 += h1[j] * x;
          v2 += h2[j] * x;
          v3 += h3[j] * x;
        }
        peak = Math.max(peak, Math.abs(v1), Math.abs(v2), Math.abs(v3));
      } else {
        for (let p = 1; p < factor; p++) {
          const taps = phases[p];
          let value = 0;
          for (let j = 0; j < TAPS_PER_PHASE; j++) {
            const index = start + j;
            if (index >= 0 && index < frames) value += taps[j] * channel[index];
          }
          peak = Math.max(peak, Math.abs(value));
        }
      }
      if (peak > envelope[n]) envelope[n] = peak;
    }
  }
  return envelope;
}

/** The true peak as a linear value (1 = full scale). */
export function truePeak(channels: Float32Array[], factor = OVERSAMPLING): number {
  // The true peak is at least the sample peak: only what can exceed it is interpolated.
  let peak = 0;
  for (const value of truePeakEnvelope(channels, samplePeak(channels), factor))
    if (value > peak) peak = value;
  return peak;
}

/** The largest absolute sample value (no oversampling), linear. */
export function samplePeak(channels: Float32Array[]): number {
  let peak = 0;
  for (const channel of channels)
    for (let i = 0; i < channel.length; i++) {
      const magnitude = Math.abs(channel[i]);
      if (magnitude > peak) peak = magnitude;
    }
  return peak;
}

export const toDb = (linear: number): number => 20 * Math.log10(linear);
export const fromDb = (db: number): number => 10 ** (db / 20);
