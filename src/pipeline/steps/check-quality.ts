import { posix } from 'node:path';
import { ArtifactKind } from '../../artifacts/artifact-kind';
import { PermanentServiceError, TransientServiceError } from '../../clients/service-errors';
import type { QualityVerdict } from '../../quality/master-quality';
import { checkQualityOffLoop, QualityCheckStopped } from '../../quality/quality-checker';
import { generateSound } from './generate-sound';
import { mixMaster } from './mix-master';
import { outputOf, type LocalStep } from './step-definition';

export interface CheckQualityInput {
  /** The mixing service's master, as it named it. */
  master: string;
  /** The generation's stems, by instrument. */
  stems: Record<string, string>;
}

export interface CheckedMaster {
  /** The master delivered: the mixer's, or the corrected file that replaced it. */
  output_path: string;
  verdict: QualityVerdict;
}

const VERDICTS: readonly QualityVerdict[] = [
  'passed',
  'corrected',
  'failed',
  'out_of_spec',
  'unreadable',
];

function parseCheckedMaster(body: unknown): CheckedMaster {
  const json = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { output_path: outputPath, verdict } = json;
  if (typeof outputPath !== 'string' || outputPath === '')
    throw new Error('output_path must be a non-empty string');
  if (!VERDICTS.includes(verdict as QualityVerdict))
    throw new Error(`verdict must be one of ${VERDICTS.join(', ')}`);
  return { output_path: outputPath, verdict: verdict as QualityVerdict };
}

/**
 * Beside the source, named as the mixer names its files (a path relative to the shared
 * volume stays one): `<name>_corrected.wav`, a new file, so the mixer's own stays as it was.
 */
function correctedLocationFor(location: string): string {
  const { dir, name } = posix.parse(location);
  return posix.join(dir, `${name}_corrected.wav`);
}

const SERVICE = 'quality-check';

/**
 * Measures the master before delivery (loudness, true peak, clipping, silence, duration,
 * stereo correlation, every stem present) and records the report. A master of ours out of
 * spec is corrected into a new file, the one delivered; one that cannot be delivered fails
 * the job. Another service's master is reported on, never failed or rewritten. The work
 * runs on a thread of its own.
 */
export const checkQuality: LocalStep<'check_quality', CheckQualityInput, CheckedMaster> = {
  name: 'check_quality',
  // The original clients know four labels: the check is part of mixing and mastering to them.
  label: mixMaster.label,
  title: 'Checking Quality',
  envPrefix: 'QUALITY_CHECK',
  policy: { timeoutMs: 120_000, attempts: 2, baseDelayMs: 5_000 },
  input: (_job, done) => ({
    master: outputOf(done, mixMaster).output_path,
    stems: outputOf(done, generateSound).stems,
  }),
  run: async ({ master, stems }, { options, tools }) => {
    const sourceFile = tools.fileInArtifacts(master) ?? null;
    const correctedLocation = sourceFile === null ? null : correctedLocationFor(master);
    const request = {
      source: master,
      sourceFile,
      correctedFile:
        correctedLocation === null ? null : (tools.fileInArtifacts(correctedLocation) ?? null),
      correctedLocation,
      stems: Object.entries(stems)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([instrument, location]) => ({
          instrument,
          file: tools.fileInArtifacts(location) ?? null,
        })),
      owned: tools.mixerOwned,
    };
    let outcome;
    try {
      outcome = await checkQualityOffLoop(request, options);
    } catch (error) {
      if (error instanceof QualityCheckStopped && options.signal?.aborted)
        throw options.signal.reason;
      throw new TransientServiceError(
        SERVICE,
        `The quality check did not finish: ${(error as Error).message}`,
      );
    }
    await tools.recordQuality(outcome.report);
    if (outcome.failure !== null) throw new PermanentServiceError(SERVICE, outcome.failure);
    return { output_path: outcome.report.delivered, verdict: outcome.report.verdict };
  },
  validate: parseCheckedMaster,
  artifacts: [{ kind: ArtifactKind.Final, field: 'output_path' }],
};
