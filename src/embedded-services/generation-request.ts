import type { PromptSpec, StyleFeatures } from '../clients/contracts';
import type { CompositionRequest } from './generation';

/**
 * What the embedded generator makes of a request (CONTRACTS.md): the spec's instruments, or
 * the original's drums, bass, synth and lead when it names none; the tempo and key the
 * prompt named, else the reference track's (`style_features`), else the genre's. The
 * parser leaves tempo and key null when the prompt does not name them, so a null here
 * means "not asked for", never "asked for nothing".
 */
export const DEFAULT_INSTRUMENTS = ['drums', 'bass', 'synth', 'lead'];

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;

export function compositionRequest(
  spec: Partial<PromptSpec>,
  style: Partial<StyleFeatures> | null,
  take: { seed: number; seconds: number },
): CompositionRequest {
  const listed = Array.isArray(spec.instruments)
    ? spec.instruments.filter((i): i is string => text(i) !== null)
    : [];
  return {
    instruments: listed.length > 0 ? [...new Set(listed)] : DEFAULT_INSTRUMENTS,
    tempo: number(spec.tempo) ?? number(style?.tempo),
    key: text(spec.key) ?? text(style?.key),
    genre: text(spec.genre),
    mood: text(spec.mood),
    seed: take.seed,
    seconds: take.seconds,
  };
}
