import type { Audio } from './wav';

export const MASTER_SAMPLE_RATE = 48_000;
export const TARGET_LUFS = -14;
export const CEILING = 10 ** (-1 / 20); // -1 dBFS

/** Linear resampling and mono-to-stereo, so every stem can be summed sample by sample. */
function toStereo48k(audio: Audio): Float32Array[] {
  const ratio = audio.sampleRate / MASTER_SAMPLE_RATE;
  const frames = Math.floor((audio.channels[0]?.length ?? 0) / ratio);
  const source =
    audio.channels.length === 1
      ? [audio.channels[0], audio.channels[0]]
      : audio.channels.slice(0, 2);
  return source.map((channel) => {
    if (ratio === 1) return channel;
    const out = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      const position = i * ratio;
      const index = Math.floor(position);
      const next = channel[Math.min(index + 1, channel.length - 1)];
      out[i] = channel[index] + (next - channel[index]) * (position - index);
    }
    return out;
  });
}

function biquad(input: Float32Array, b: number[], a: number[]): Float32Array {
  const out = new Float32Array(input.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const y = b[0] * input[i] + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2;
    x2 = x1;
    x1 = input[i];
    y2 = y1;
    y1 = y;
    out[i] = y;
  }
  return out;
}

/** Integrated loudness per ITU-R BS.1770 (K-weighting at 48 kHz, 400 ms blocks, both gates). */
export function integratedLoudness(channels: Float32Array[]): number {
  const weighted = channels.map((channel) =>
    biquad(
      biquad(
        channel,
        [1.53512485958697, -2.69169618940638, 1.19839281085285],
        [1, -1.69065929318241, 0.73248077421585],
      ),
      [1, -2, 1],
      [1, -1.99004745483398, 0.99007225036621],
    ),
  );
  const block = Math.round(0.4 * MASTER_SAMPLE_RATE);
  const step = Math.round(0.1 * MASTER_SAMPLE_RATE);
  const powers: number[] = [];
  for (let start = 0; start + block <= weighted[0].length; start += step) {
    let power = 0;
    for (const channel of weighted) {
      let sum = 0;
      for (let i = start; i < start + block; i++) sum += channel[i] * channel[i];
      power += sum / block;
    }
    powers.push(power);
  }
  const loudness = (p: number) => -0.691 + 10 * Math.log10(p);
  const mean = (ps: number[]) => ps.reduce((s, p) => s + p, 0) / ps.length;
  const absolute = powers.filter((p) => loudness(p) > -70);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = loudness(mean(absolute)) - 10;
  const gated = absolute.filter((p) => loudness(p) > relativeGate);
  return loudness(mean(gated));
}

/** Sums the stems, brings the mix to about -14 LUFS and limits peaks to -1 dBFS. */
export function mixAndMaster(stems: Audio[]): Audio {
  const prepared = stems.map(toStereo48k);
  const frames = Math.max(...prepared.map((s) => s[0].length));
  const mix = [new Float32Array(frames), new Float32Array(frames)];
  for (const stem of prepared)
    for (let c = 0; c < 2; c++) for (let i = 0; i < stem[c].length; i++) mix[c][i] += stem[c][i];

  const measured = integratedLoudness(mix);
  const gain = Number.isFinite(measured) ? 10 ** ((TARGET_LUFS - measured) / 20) : 1;
  // Instant attack, 50 ms release: the ceiling holds on every sample without look-ahead.
  const release = Math.exp(-1 / (0.05 * MASTER_SAMPLE_RATE));
  let reduction = 1;
  for (let i = 0; i < frames; i++) {
    const peak = Math.max(Math.abs(mix[0][i]), Math.abs(mix[1][i])) * gain;
    const needed = peak > CEILING ? CEILING / peak : 1;
    reduction = needed < reduction ? needed : 1 - (1 - reduction) * release;
    reduction = Math.min(reduction, needed);
    for (let c = 0; c < 2; c++)
      mix[c][i] = Math.max(-CEILING, Math.min(CEILING, mix[c][i] * gain * reduction));
  }
  return { sampleRate: MASTER_SAMPLE_RATE, channels: mix };
}
