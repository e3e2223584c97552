/**
 * A feed-forward bus compressor: an RMS detector linked across channels, a soft knee, and
 * attack and release smoothing of the gain in dB. The mixer uses it gently (2:1) to glue
 * the stems together before the limiter does the peak control.
 */

export interface CompressorSettings {
  thresholdDb: number;
  ratio: number;
  kneeDb: number;
  attackSeconds: number;
  releaseSeconds: number;
  /** The RMS detector's averaging time. */
  rmsSeconds: number;
}

export const BUS_GLUE: CompressorSettings = {
  thresholdDb: -20,
  ratio: 2,
  kneeDb: 6,
  attackSeconds: 0.015,
  releaseSeconds: 0.2,
  rmsSeconds: 0.03,
};

/** Frames per gain update (0.33 ms at 48 kHz, far shorter than the attack). */
const CONTROL_FRAMES = 16;

/** Gain reduction in dB (≤ 0) for a detector level, with a quadratic soft knee. */
export function gainComputer(levelDb: number, s: CompressorSettings): number {
  const over = levelDb - s.thresholdDb;
  const slope = 1 / s.ratio - 1;
  if (2 * over < -s.kneeDb) return 0;
  if (2 * Math.abs(over) <= s.kneeDb) return (slope * (over + s.kneeDb / 2) ** 2) / (2 * s.kneeDb);
  return slope * over;
}

export interface Compressed {
  channels: Float32Array[];
  maxReductionDb: number;
}

export function compress(
  channels: Float32Array[],
  sampleRate: number,
  settings: CompressorSettings = BUS_GLUE,
): Compressed {
  const frames = channels[0]?.length ?? 0;
  const coefficient = (seconds: number) => Math.exp(-1 / (seconds * sampleRate));
  const rms = coefficient(settings.rmsSeconds);
  const attack = coefficient(settings.attackSeconds);
  const release = coefficient(settings.releaseSeconds);
  const out = channels.map(() => new Float32Array(frames));
  let power = 0;
  let reductionDb = 0;
  let deepest = 0;
  let gain = 1;
  for (let start = 0; start < frames; start += CONTROL_FRAMES) {
    const end = Math.min(frames, start + CONTROL_FRAMES);
    for (let n = start; n < end; n++) {
      let square = 0;
      for (const channel of channels) square = Math.max(square, channel[n] * channel[n]);
      power = rms * power + (1 - rms) * square;
    }
    // The gain is computed once per control period and ramped across it.
    const target = gainComputer(10 * Math.log10(power + 1e-12), settings);
    const k = (target < reductionDb ? attack : release) ** (end - start);
    reductionDb = k * reductionDb + (1 - k) * target;
    if (reductionDb < deepest) deepest = reductionDb;
    const next = 10 ** (reductionDb / 20);
    const step = (next - gain) / (end - start);
    for (let n = start; n < end; n++) {
      gain += step;
      for (let c = 0; c < channels.length; c++) out[c][n] = channels[c][n] * gain;
    }
    gain = next;
  }
  return { channels: out, maxReductionDb: -deepest };
}
