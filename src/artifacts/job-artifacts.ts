import { ARTIFACT_FIELDS, Step } from '../pipeline/steps';
import { ArtifactKind } from './artifact-kind';

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
 * The files a job produced, from its step checkpoints: every output field the steps declare
 * as artifacts (see `src/pipeline/steps`), in pipeline order, stems by instrument.
 * `finalTrackUrl` (jobs.result) stands in for the final track only when it is an absolute
 * URL and no checkpoint naming the final track is left.
 */
export function artifactSources(
  steps: readonly StepOutput[],
  finalTrackUrl?: string | null,
): ArtifactSource[] {
  const sources: ArtifactSource[] = [];
  for (const { step, kind, field } of ARTIFACT_FIELDS) {
    const value = checkpoint(steps, step)?.[field];
    if (kind === ArtifactKind.Stem) {
      // jsonb keeps object keys in its own order (by length), so name order is the stable one.
      const byInstrument = Object.entries(isObject(value) ? value : {}).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      for (const [instrument, location] of byInstrument) {
        if (typeof location === 'string') sources.push({ kind, instrument, location });
      }
    } else if (typeof value === 'string') {
      sources.push({ kind, instrument: null, location: value });
    }
  }
  // The mixer's master is listed on its own only when it is not the track delivered.
  const finals = new Set(
    sources.filter((s) => s.kind === ArtifactKind.Final).map((s) => s.location),
  );
  const listed = sources.filter((s) => s.kind !== ArtifactKind.Mix || !finals.has(s.location));
  if (finals.size === 0 && finalTrackUrl) {
    // A job that succeeded under step list 1 had no quality check: its mixer's master is final.
    const mix = listed.findIndex((s) => s.kind === ArtifactKind.Mix);
    if (mix >= 0) {
      listed[mix] = { ...listed[mix], kind: ArtifactKind.Final };
      return listed;
    }
  }
  if (finals.size === 0 && finalTrackUrl && /^https?:\/\//i.test(finalTrackUrl))
    listed.push({ kind: ArtifactKind.Final, instrument: null, location: finalTrackUrl });
  return listed;
}

/** A step's output in its contract shape; undefined when absent or not in that shape. */
function checkpoint(steps: readonly StepOutput[], step: Step): Record<string, unknown> | undefined {
  const output = steps.find((s) => s.step === step.name)?.output;
  if (output === undefined || output === null) return undefined;
  try {
    const valid = step.validate(output);
    return isObject(valid) ? valid : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
