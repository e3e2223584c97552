import { filter, lowPass } from './biquad';

/**
 * A stereo algorithmic reverb for the mixer's send (Schroeder-Moorer, as Jezar's Freeverb
 * lays it out): eight damped feedback combs and four all-passes per channel, the right
 * channel's delays 23 samples longer so the two tails are decorrelated (a wide return from
 * a mono send). Delays are Freeverb's, scaled from 44.1 kHz to the rate in use.
 */

const COMB_DELAYS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASS_DELAYS = [556, 441, 341, 225];
const STEREO_SPREAD = 23;
const ALLPASS_FEEDBACK = 0.5;

export interface ReverbSettings {
  /** 0..1: the length of the tail (comb feedback 0.7..0.98). */
  roomSize: number;
  /** 0..1: how fast the highs die away. */
  damping: number;
  preDelaySeconds: number;
}

export const PLATE: ReverbSettings = { roomSize: 0.78, damping: 0.35, preDelaySeconds: 0.02 };

function tail(
  input: Float32Array,
  sampleRate: number,
  settings: ReverbSettings,
  spread: number,
): Float32Array {
  const scale = sampleRate / 44_100;
  const feedback = 0.7 + 0.28 * settings.roomSize;
  const damp = settings.damping;
  const preDelay = Math.round(settings.preDelaySeconds * sampleRate);
  const frames = input.length;
  const out = new Float32Array(frames);
  for (const base of COMB_DELAYS) {
    const length = Math.round((base + spread) * scale);
    const buffer = new Float32Array(length);
    let index = 0;
    let filtered = 0;
    for (let n = 0; n < frames; n++) {
      const x = n >= preDelay ? input[n - preDelay] : 0;
      const delayed = buffer[index];
      filtered = delayed * (1 - damp) + filtered * damp;
      buffer[index] = x + filtered * feedback;
      out[n] += delayed;
      if (++index === length) index = 0;
    }
  }
  for (const base of ALLPASS_DELAYS) {
    const length = Math.round((base + spread) * scale);
    const buffer = new Float32Array(length);
    let index = 0;
    for (let n = 0; n < frames; n++) {
      const delayed = buffer[index];
      const x = out[n];
      buffer[index] = x + delayed * ALLPASS_FEEDBACK;
      out[n] = delayed - x;
      if (++index === length) index = 0;
    }
  }
  // Eight combs in parallel: bring the sum back near the send's level.
  for (let n = 0; n < frames; n++) out[n] *= 0.125;
  return out;
}

/**
 * The wet stereo return of a mono send. The tail is computed at half the rate (its highs
 * are damped away anyway) and brought back by linear interpolation: half the work.
 */
export function reverb(
  send: Float32Array,
  sampleRate: number,
  settings: ReverbSettings = PLATE,
): [Float32Array, Float32Array] {
  const band = filter(send, lowPass(sampleRate / 5, 0.707, sampleRate));
  const half = new Float32Array(Math.ceil(send.length / 2));
  for (let i = 0; i < half.length; i++) half[i] = band[2 * i];
  return [0, STEREO_SPREAD].map((spread) => {
    const wet = tail(half, sampleRate / 2, settings, spread);
    const out = new Float32Array(send.length);
    for (let n = 0; n < out.length; n++) {
      const i = n >> 1;
      out[n] = n % 2 === 0 ? wet[i] : (wet[i] + (wet[i + 1] ?? 0)) / 2;
    }
    return out;
  }) as [Float32Array, Float32Array];
}
