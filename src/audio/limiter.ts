import { truePeakEnvelope } from './true-peak';

/**
 * A look-ahead true-peak limiter. The gain it needs at each frame comes from the 4x
 * oversampled envelope (so inter-sample peaks are caught, not only sample peaks); a
 * minimum over the look-ahead window, an exponential release and a moving average as long
 * as the look-ahead make the gain curve smooth while it still reaches every peak's
 * reduction at that peak: each averaged value is at most the gain the peak needs.
 */

export const LOOKAHEAD_SECONDS = 0.004;
export const RELEASE_SECONDS = 0.12;

export interface LimiterInput {
  channels: Float32Array[];
  sampleRate: number;
  /** Linear gain applied before limiting. */
  gain: number;
  /** Linear true-peak ceiling. */
  ceiling: number;
  /**
   * `truePeakEnvelope(channels, floor)` with `floor` at most `ceiling / gain`, when the
   * caller has it already (it does not depend on the gain).
   */
  envelope?: Float32Array;
}

export interface Limited {
  channels: Float32Array[];
  /** The deepest gain reduction, in dB (0 when the limiter never acted). */
  maxReductionDb: number;
}

export function limitTruePeak(input: LimiterInput): Limited {
  const { channels, sampleRate, gain, ceiling } = input;
  const frames = channels[0]?.length ?? 0;
  const envelope = input.envelope ?? truePeakEnvelope(channels, ceiling / gain);
  const lookahead = Math.max(1, Math.round(LOOKAHEAD_SECONDS * sampleRate));
  const release = Math.exp(-1 / (RELEASE_SECONDS * sampleRate));

  // The gain each frame needs: its envelope covers (n - 1, n + 1), so both neighbours count.
  const needed = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    const peak = gain * Math.max(envelope[n], n > 0 ? envelope[n - 1] : 0);
    needed[n] = peak > ceiling ? ceiling / peak : 1;
  }
  const held = minimumAhead(needed, lookahead);

  const smoothed = new Float32Array(frames);
  // Before the start the gain is already what the first frames need.
  let released = frames > 0 ? held[0] : 1;
  let sum = lookahead * released;
  const window = new Float64Array(lookahead).fill(released);
  let minimum = 1;
  for (let n = 0; n < frames; n++) {
    released = Math.min(held[n], 1 - (1 - released) * release);
    const slot = n % lookahead;
    sum += released - window[slot];
    window[slot] = released;
    smoothed[n] = sum / lookahead;
    if (smoothed[n] < minimum) minimum = smoothed[n];
  }
  return {
    channels: channels.map((channel) => {
      const out = new Float32Array(frames);
      for (let n = 0; n < frames; n++) out[n] = channel[n] * gain * smoothed[n];
      return out;
    }),
    maxReductionDb: minimum < 1 ? -20 * Math.log10(minimum) : 0,
  };
}

/** For each n, the minimum of values[n .. n + length - 1] (a monotonic deque, O(n)). */
function minimumAhead(values: Float32Array, length: number): Float32Array {
  const out = new Float32Array(values.length);
  const deque = new Int32Array(values.length + 1);
  let head = 0;
  let tail = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    while (tail > head && values[deque[tail - 1]] >= values[i]) tail--;
    deque[tail++] = i;
    while (deque[head] > i + length - 1) head++;
    out[i] = values[deque[head]];
  }
  return out;
}
