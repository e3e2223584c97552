import type { Spectrogram } from './spectrogram';

/**
 * A chromagram: per frame, how much of each of the 12 pitch classes sounds. Each spectral
 * peak between A1 and A6 is credited to the semitone nearest its frequency (weighted by
 * how near), after a whitening that removes the broadband floor drums and noise lay under
 * the notes.
 */
const LOWEST_HZ = 55;
const HIGHEST_HZ = 1_760;
/** The local spectral floor is the mean magnitude within this many semitones either side. */
const WHITENING_SEMITONES = 2;

export interface Chromagram {
  /** `values[frame * 12 + pitchClass]`, C = 0. */
  values: Float64Array;
  frames: number;
  frameRate: number;
}

interface BinMap {
  bin: number;
  pitchClass: number;
  weight: number;
  /** Bins averaged for the spectral floor under this one. */
  floorFrom: number;
  floorTo: number;
}

function binMap(spectrogram: Spectrogram): BinMap[] {
  const { size, rate, bins } = spectrogram;
  const binHz = rate / size;
  const map: BinMap[] = [];
  const top = Math.min(HIGHEST_HZ, rate / 2);
  for (let k = Math.ceil(LOWEST_HZ / binHz); k * binHz <= top && k < bins; k++) {
    const midi = 69 + 12 * Math.log2((k * binHz) / 440);
    const nearest = Math.round(midi);
    // cos^2 of the distance to the semitone: 1 on the note, 0 half-way to the next.
    const weight = Math.cos(Math.PI * (midi - nearest)) ** 2;
    const spread = 2 ** (WHITENING_SEMITONES / 12);
    map.push({
      bin: k,
      pitchClass: ((nearest % 12) + 12) % 12,
      weight,
      floorFrom: Math.max(1, Math.floor(k / spread)),
      floorTo: Math.min(bins - 1, Math.ceil(k * spread)),
    });
  }
  return map;
}

export function chromagram(spectrogram: Spectrogram): Chromagram {
  const { power, frames, bins } = spectrogram;
  const map = binMap(spectrogram);
  const values = new Float64Array(frames * 12);
  const magnitude = new Float64Array(bins);
  const prefix = new Float64Array(bins + 1);
  for (let f = 0; f < frames; f++) {
    const row = f * bins;
    for (let k = 0; k < bins; k++) {
      magnitude[k] = Math.sqrt(power[row + k]);
      prefix[k + 1] = prefix[k] + magnitude[k];
    }
    for (const { bin, pitchClass, weight, floorFrom, floorTo } of map) {
      const floor = (prefix[floorTo + 1] - prefix[floorFrom]) / (floorTo - floorFrom + 1);
      const above = magnitude[bin] - floor;
      if (above > 0) values[f * 12 + pitchClass] += weight * above;
    }
  }
  return { values, frames, frameRate: spectrogram.rate / spectrogram.hop };
}
