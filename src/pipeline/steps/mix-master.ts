import { ArtifactKind } from '../../artifacts/artifact-kind';
import { MasteredTrack, parseMasteredTrack } from '../../clients/contracts';
import { generateSound } from './generate-sound';
import { outputOf, ServiceStep } from './step-definition';

export interface MixMasterRequest {
  stem_paths: string[];
}

/** Mixes every stem and masters the mix: the job's final track once the quality check passed it. */
export const mixMaster: ServiceStep<'mix_master', MixMasterRequest, MasteredTrack> = {
  name: 'mix_master',
  label: 'Mixing and Mastering',
  envPrefix: 'MIXING_MASTERING',
  policy: { timeoutMs: 180_000, attempts: 4, baseDelayMs: 30_000 },
  input: (_job, done) => ({ stem_paths: Object.values(outputOf(done, generateSound).stems) }),
  service: { name: 'mixing-mastering', embeddedPath: '/reference/mixing-mastering/process' },
  run: (request, { service, options }) => service.postJson(request, options),
  validate: parseMasteredTrack,
  // The master as it came; the quality check names the one delivered (see check-quality.ts).
  artifacts: [{ kind: ArtifactKind.Mix, field: 'output_path' }],
};
