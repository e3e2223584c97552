import type { StyleFeatures } from '../../clients/contracts';
import { type Audio, downmix } from '../wav';
import { chromagram } from './chroma';
import { estimateKey } from './key';
import { melLevels, onsetStrength } from './onset-strength';
import { findSections } from './sections';
import { decimate, powerSpectrogram } from './spectrogram';
import { estimateTempo } from './tempo';

/**
 * The embedded style analysis: tempo, key and sections of a reference track, from two
 * short-time spectra of its mono mix at about 11 kHz: a fine-in-time one (46 ms frames
 * every 11.6 ms) for onsets and timbre, a fine-in-frequency one (370 ms frames every 93 ms)
 * for pitch.
 */
const ONSET_FRAME = 512;
const ONSET_HOP = 128;
const PITCH_FRAME = 4096;
const PITCH_HOP = 1024;

export function analyzeAudio(audio: Audio): StyleFeatures {
  const signal = decimate(downmix(audio), audio.sampleRate);
  const duration = signal.samples.length / signal.rate;
  // The frame sizes above are for about 11 kHz; a lower-rate file gets proportionally fewer samples.
  const scale = Math.max(1, Math.round(11_025 / signal.rate));
  const onsetSpectrum = powerSpectrogram(signal, ONSET_FRAME / scale, ONSET_HOP / scale);
  const pitchSpectrum = powerSpectrogram(signal, PITCH_FRAME / scale, PITCH_HOP / scale);
  const chroma = chromagram(pitchSpectrum);
  const levels = melLevels(onsetSpectrum);
  return {
    tempo: estimateTempo(onsetStrength(levels)),
    key: estimateKey(chroma),
    segments: findSections(chroma, levels, duration),
  };
}
