import { filter, type Biquad } from './biquad';

/**
 * Integrated loudness after ITU-R BS.1770-4: K-weighting (a high shelf for the head and a
 * high-pass, designed for any sample rate as libebur128 does, equal to the standard's
 * 48 kHz coefficients there), mean square over 400 ms blocks that overlap by 75 %, an
 * absolute gate at -70 LUFS and a relative gate 10 LU below the loudness of the blocks that
 * pass it. Tested against the EBU Tech 3341 cases in loudness.spec.ts.
 */

export const ABSOLUTE_GATE_LUFS = -70;
export const RELATIVE_GATE_LU = -10;
const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1;

/** The two stages of the K-weighting filter at `sampleRate`. */
export function kWeighting(sampleRate: number): [Biquad, Biquad] {
  // Pre-filter: the head's high-shelf, from the analog prototype behind the standard's table.
  const f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  const q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  // RLB weighting: a second-order high-pass at 38 Hz.
  const f1 = 38.13547087602444;
  const q1 = 0.5003270373238773;
  k = Math.tan((Math.PI * f1) / sampleRate);
  a0 = 1 + k / q1 + k * k;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q1 + k * k) / a0,
  };
  return [shelf, highPass];
}

/** BS.1770-4 channel weights: 1 for L, R, C; 0 for the LFE; 1.41 for surrounds (5.1 order). */
function channelWeight(index: number, count: number): number {
  if (count < 6) return 1;
  if (index === 3) return 0;
  return index >= 4 ? 1.41 : 1;
}

const toLufs = (power: number): number => -0.691 + 10 * Math.log10(power);

/**
 * The weighted mean-square power of each 400 ms gating block, every 100 ms from the start
 * (a file shorter than one block has none).
 */
export function blockPowers(channels: Float32Array[], sampleRate: number): Float64Array {
  const block = Math.round(BLOCK_SECONDS * sampleRate);
  const step = Math.round(STEP_SECONDS * sampleRate);
  const frames = channels[0]?.length ?? 0;
  const count = frames < block ? 0 : Math.floor((frames - block) / step) + 1;
  const powers = new Float64Array(count);
  const stages = kWeighting(sampleRate);
  channels.forEach((channel, index) => {
    const weight = channelWeight(index, channels.length);
    if (weight === 0) return;
    const weighted = filter(channel, ...stages);
    // Sums per 100 ms step, so each block is four of them.
    const steps = Math.floor(frames / step);
    const stepSums = new Float64Array(steps);
    for (let s = 0; s < steps; s++) {
      let sum = 0;
      for (let i = s * step, end = i + step; i < end; i++) sum += weighted[i] * weighted[i];
      stepSums[s] = sum;
    }
    const perBlock = block / step;
    for (let b = 0; b < count; b++) {
      let sum = 0;
      for (let s = b; s < b + perBlock; s++) sum += stepSums[s];
      powers[b] += (weight * sum) / block;
    }
  });
  return powers;
}

/** Integrated loudness in LUFS; -Infinity when no block passes the absolute gate. */
export function integratedLoudness(channels: Float32Array[], sampleRate: number): number {
  return gatedLoudness(blockPowers(channels, sampleRate));
}

export function gatedLoudness(powers: Float64Array): number {
  const mean = (values: number[]) => values.reduce((sum, p) => sum + p, 0) / values.length;
  const absolute = Array.from(powers).filter((p) => p > 0 && toLufs(p) > ABSOLUTE_GATE_LUFS);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = toLufs(mean(absolute)) + RELATIVE_GATE_LU;
  return toLufs(mean(absolute.filter((p) => toLufs(p) > relativeGate)));
}
