import { parseGeneratedStems, parseMasteredTrack } from '../clients/contracts';

import { ArtifactKind } from './artifact-kind';

export { ArtifactKind };

/** One file a job produced, as the service named it. */
export interface ArtifactSource {
  kind: ArtifactKind;
  /** The instrument of a stem; null for the final track. */
  instrument: string | null;
  /** A path (in ARTIFACTS_DIR or on the service's own volume) or an absolute URL. */
  location: string;
}

/** A step's checkpoint as stored in `job_steps.output`. */
export interface StepOutput {
  step: string;
  output: unknown;
}

/**
 * The stems (generate_sound) and the final track (mix_master) of a job, from its step
 * checkpoints. `finalTrackUrl` (jobs.result) stands in for the final track only when it is
 * an absolute URL and no mix_master checkpoint is left.
 */
export function artifactSources(
  steps: readonly StepOutput[],
  finalTrackUrl?: string | null,
): ArtifactSource[] {
  const sources: ArtifactSource[] = [];
  const stems = checkpoint(steps, 'generate_sound', parseGeneratedStems)?.stems ?? {};
  // jsonb keeps object keys in its own order (by length), so name order is the stable one.
  const byInstrument = Object.entries(stems).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [instrument, location] of byInstrument) {
    sources.push({ kind: ArtifactKind.Stem, instrument, location });
  }
  const final =
    checkpoint(steps, 'mix_master', parseMasteredTrack)?.output_path ??
    (finalTrackUrl && /^https?:\/\//i.test(finalTrackUrl) ? finalTrackUrl : undefined);
  if (final !== undefined)
    sources.push({ kind: ArtifactKind.Final, instrument: null, location: final });
  return sources;
}

/** A step's output in its contract shape; undefined when absent or not in that shape. */
function checkpoint<T>(
  steps: readonly StepOutput[],
  name: string,
  parse: (body: unknown) => T,
): T | undefined {
  const output = steps.find((step) => step.step === name)?.output;
  if (output === undefined || output === null) return undefined;
  try {
    return parse(output);
  } catch {
    return undefined;
  }
}
