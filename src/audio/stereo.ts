/**
 * Stereo image and signal-level checks of a master: left/right correlation, clipping
 * (runs of samples at full scale), silence (100 ms windows below a level) and the level
 * of each part of the file.
 */

/** Pearson correlation of left and right over the whole file; 1 for mono or one channel. */
export function stereoCorrelation(channels: Float32Array[]): number {
  if (channels.length < 2) return 1;
  const [left, right] = channels;
  let lr = 0;
  let ll = 0;
  let rr = 0;
  for (let i = 0; i < left.length; i++) {
    lr += left[i] * right[i];
    ll += left[i] * left[i];
    rr += right[i] * right[i];
  }
  if (ll === 0 || rr === 0) return ll === rr ? 1 : 0;
  return lr / Math.sqrt(ll * rr);
}

/** A sample this close to full scale counts as clipped (a 24-bit file's top step). */
export const CLIP_LEVEL = 1 - 2 ** -22;
/** Three consecutive full-scale samples in a channel are a clipped run (a lone one can be legal). */
const CLIP_RUN = 3;

/** How many runs of at least three full-scale samples the channels hold. */
export function clippedRuns(channels: Float32Array[]): number {
  let runs = 0;
  for (const channel of channels) {
    let length = 0;
    for (let i = 0; i < channel.length; i++) {
      if (Math.abs(channel[i]) >= CLIP_LEVEL) {
        length++;
        if (length === CLIP_RUN) runs++;
      } else length = 0;
    }
  }
  return runs;
}

export const SILENCE_DBFS = -60;
const WINDOW_SECONDS = 0.1;

export interface SilenceProfile {
  /** Seconds of 100 ms windows whose peak is below SILENCE_DBFS. */
  silentSeconds: number;
  leadingSeconds: number;
  trailingSeconds: number;
  /** The longest silent stretch. */
  longestSeconds: number;
}

export function silenceProfile(channels: Float32Array[], sampleRate: number): SilenceProfile {
  const frames = channels[0]?.length ?? 0;
  const window = Math.round(WINDOW_SECONDS * sampleRate);
  const threshold = 10 ** (SILENCE_DBFS / 20);
  const silent: boolean[] = [];
  for (let start = 0; start < frames; start += window) {
    let peak = 0;
    const end = Math.min(frames, start + window);
    for (const channel of channels)
      for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(channel[i]));
    silent.push(peak < threshold);
  }
  const seconds = (count: number) => Math.min(count * window, frames) / sampleRate;
  let longest = 0;
  let run = 0;
  for (const quiet of silent) {
    run = quiet ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const leading = silent.findIndex((quiet) => !quiet);
  const trailing = [...silent].reverse().findIndex((quiet) => !quiet);
  return {
    silentSeconds: seconds(silent.filter(Boolean).length),
    leadingSeconds: seconds(leading < 0 ? silent.length : leading),
    trailingSeconds: seconds(trailing < 0 ? silent.length : trailing),
    longestSeconds: seconds(longest),
  };
}
