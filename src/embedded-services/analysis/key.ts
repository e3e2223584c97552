import type { Chromagram } from './chroma';

/**
 * Key and mode: the whole track's chroma, summed over time (so a pitch class weighs as
 * long and as loud as it sounds), correlated with the Krumhansl-Kessler major and minor
 * key profiles in all 12 transpositions; the best correlation names the key.
 */
// Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
/** Spelled as a musician writes the key: flats where the key signature has flats. */
const MAJOR_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];

export interface KeyEstimate {
  /** e.g. "A minor". */
  name: string;
  /** Pearson correlation of the chroma with the winning profile. */
  correlation: number;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** The chroma of the whole track: each pitch class summed over every frame. */
export function totalChroma(chroma: Chromagram): Float64Array {
  const total = new Float64Array(12);
  for (let f = 0; f < chroma.frames; f++) {
    for (let pc = 0; pc < 12; pc++) total[pc] += chroma.values[f * 12 + pc];
  }
  return total;
}

/** The best-matching key of a 12-bin chroma profile, or null when it is flat (no pitch). */
export function keyOfProfile(profile: ArrayLike<number>): KeyEstimate | null {
  let best: KeyEstimate | null = null;
  for (let tonic = 0; tonic < 12; tonic++) {
    for (const [template, names, mode] of [
      [MAJOR_PROFILE, MAJOR_NAMES, 'major'],
      [MINOR_PROFILE, MINOR_NAMES, 'minor'],
    ] as const) {
      const rotated = Array.from({ length: 12 }, (_, pc) => template[(pc - tonic + 12) % 12]);
      const correlation = pearson(profile, rotated);
      if (!best || correlation > best.correlation) {
        best = { name: `${names[tonic]} ${mode}`, correlation };
      }
    }
  }
  return best && best.correlation > 0 ? best : null;
}

export function estimateKey(chroma: Chromagram): string | null {
  return keyOfProfile(totalChroma(chroma))?.name ?? null;
}
