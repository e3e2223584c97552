/**
 * Reference signals for the meter and limiter specs: tones and sequences of tones as EBU
 * Tech 3341 describes them, generated on the fly (no files checked in).
 */

export const RATE = 48_000;

export interface Tone {
  seconds: number;
  /** Peak amplitude of the sine, dBFS (per channel). */
  dbfs: number;
}

/** A sine of `frequency` whose level changes tone by tone, the same in every channel. */
export function toneSequence(
  tones: Tone[],
  { frequency = 1000, channels = 2, phase = 0, sampleRate = RATE, fadeSeconds = 0 } = {},
): Float32Array[] {
  const frames = tones.reduce((sum, t) => sum + Math.round(t.seconds * sampleRate), 0);
  const signal = new Float32Array(frames);
  let n = 0;
  for (const tone of tones) {
    const amplitude = 10 ** (tone.dbfs / 20);
    const end = n + Math.round(tone.seconds * sampleRate);
    for (; n < end; n++)
      signal[n] = amplitude * Math.sin((2 * Math.PI * frequency * n) / sampleRate + phase);
  }
  // A raised-cosine fade at both ends: an abrupt start rings above the tone when reconstructed.
  const fade = Math.round(fadeSeconds * sampleRate);
  for (let i = 0; i < fade && i < frames; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
    signal[i] *= gain;
    signal[frames - 1 - i] *= gain;
  }
  return Array.from({ length: channels }, () => signal.slice());
}

/** A square wave between -amplitude and +amplitude (full scale by default). */
export function squareWave(
  frequency: number,
  seconds: number,
  amplitude = 1,
  sampleRate = RATE,
): Float32Array[] {
  const frames = Math.round(seconds * sampleRate);
  const signal = new Float32Array(frames);
  const period = sampleRate / frequency;
  for (let n = 0; n < frames; n++) signal[n] = n % period < period / 2 ? amplitude : -amplitude;
  return [signal, signal.slice()];
}
