import { parseStyleFeatures, StyleFeatures } from '../../clients/contracts';
import type { ServiceStep } from './step-definition';

export interface AnalyzeStyleInput {
  reference_track_url: string;
}

/**
 * Tempo, key and sections of the user's reference track: two calls, the download of the
 * track (by this process, never by the service) and its upload to the style analysis.
 */
export const analyzeStyle: ServiceStep<'analyze_style', AnalyzeStyleInput, StyleFeatures> = {
  name: 'analyze_style',
  label: 'Analyzing Style',
  envPrefix: 'STYLE_ANALYSIS',
  // The original had a placeholder here; this is a real policy.
  policy: { timeoutMs: 120_000, attempts: 4, baseDelayMs: 10_000 },
  applies: (job) => job.reference_track_url !== null,
  input: (job) => ({ reference_track_url: job.reference_track_url ?? '' }),
  service: { name: 'style-analysis', embeddedPath: '/reference/style-analysis/analyze' },
  run: async ({ reference_track_url: url }, { service, fetchReferenceTrack, options }) => {
    const track = await fetchReferenceTrack(url, { signal: options.signal });
    return service.postFile(track, options);
  },
  validate: parseStyleFeatures,
};
