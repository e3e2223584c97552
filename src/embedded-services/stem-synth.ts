import { compose, renderStem as renderFromScore, STEM_SAMPLE_RATE } from './generation';
import type { Audio } from './wav';

/**
 * One stem straight from a few musical facts, for tests and tools that need a musical
 * signal (the analysis and mixing specs): composes a score with a fixed seed and renders
 * one instrument of it. The service itself composes once per call (`generation/`).
 */
export { STEM_SAMPLE_RATE };

export interface StemSpec {
  tempo: number | null;
  key: string | null;
  mood: string | null;
  genre?: string | null;
}

/** `bars` bars of 4/4 exactly when given; the whole arranged track otherwise. */
export function renderStem(instrument: string, spec: StemSpec, bars?: number): Audio {
  const beat = 60 / (spec.tempo ?? 100);
  const score = compose({
    instruments: [instrument],
    tempo: spec.tempo,
    key: spec.key,
    genre: spec.genre ?? null,
    mood: spec.mood,
    seed: 1,
    seconds: bars === undefined ? 30 : bars * 4 * beat,
  });
  const audio = renderFromScore(score, instrument);
  if (bars === undefined) return audio;
  const frames = Math.round(bars * 4 * (60 / score.tempo) * STEM_SAMPLE_RATE);
  return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.slice(0, frames)) };
}
