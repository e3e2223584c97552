import { ArtifactKind } from '../../artifacts/artifact-kind';
import {
  GeneratedStems,
  parseGeneratedStems,
  PromptSpec,
  StyleFeatures,
} from '../../clients/contracts';
import { analyzeStyle } from './analyze-style';
import { parsePrompt } from './parse-prompt';
import { outputOf, ServiceStep } from './step-definition';

export interface GenerateSoundRequest {
  prompt_spec: Omit<PromptSpec, 'style_references'> & { style_references?: string[] };
  /** Omitted without a reference track. */
  style_features?: StyleFeatures | null;
}

/** One stem per instrument of the parsed prompt, shaped by the reference track's style. */
export const generateSound: ServiceStep<'generate_sound', GenerateSoundRequest, GeneratedStems> = {
  name: 'generate_sound',
  label: 'Generating Sound',
  envPrefix: 'SOUND_GENERATION',
  policy: { timeoutMs: 300_000, attempts: 4, baseDelayMs: 60_000 },
  input: (job, done) => {
    const spec = outputOf(done, parsePrompt);
    const request: GenerateSoundRequest = {
      prompt_spec: {
        tempo: spec.tempo,
        key: spec.key,
        genre: spec.genre,
        instruments: spec.instruments,
        mood: spec.mood,
      },
    };
    if (job.reference_track_url !== null) request.style_features = outputOf(done, analyzeStyle);
    return request;
  },
  service: { name: 'sound-generation', embeddedPath: '/reference/sound-generation/generate' },
  run: (request, { service, options }) => service.postJson(request, options),
  validate: parseGeneratedStems,
  artifacts: [{ kind: ArtifactKind.Stem, field: 'stems' }],
};
