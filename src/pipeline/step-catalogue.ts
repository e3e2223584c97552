import type { StepName } from '../config/app-config';
import type {
  GeneratedStems,
  MasteredTrack,
  PromptSpec,
  StyleFeatures,
} from '../clients/contracts';
import type { GenerateRequest } from '../clients/sound-generation.client';

/** What each step returns; a succeeded step's output is its checkpoint. */
export interface StepOutputs {
  parse_prompt: PromptSpec;
  analyze_style: StyleFeatures;
  generate_sound: GeneratedStems;
  mix_master: MasteredTrack;
}

export interface StepInputs {
  parse_prompt: { prompt: string };
  analyze_style: { reference_track_url: string };
  generate_sound: GenerateRequest;
  mix_master: { stem_paths: string[] };
}

export interface JobInput {
  prompt: string;
  reference_track_url: string | null;
}

export interface StepDefinition<S extends StepName = StepName> {
  name: S;
  /** The `result.step` text the original clients show while this step runs. */
  label: string;
  /** Whether the job needs this step at all. */
  applies(job: JobInput): boolean;
  /** Pure mapping from the job and earlier outputs to this step's request. */
  input(job: JobInput, outputs: Partial<StepOutputs>): StepInputs[S];
}

function required<K extends keyof StepOutputs>(
  outputs: Partial<StepOutputs>,
  step: K,
): StepOutputs[K] {
  const output = outputs[step];
  if (output === undefined) throw new Error(`output of ${step} is missing`);
  return output;
}

const parsePrompt: StepDefinition<'parse_prompt'> = {
  name: 'parse_prompt',
  label: 'Parsing Prompt',
  applies: () => true,
  input: (job) => ({ prompt: job.prompt }),
};

const analyzeStyle: StepDefinition<'analyze_style'> = {
  name: 'analyze_style',
  label: 'Analyzing Style',
  applies: (job) => job.reference_track_url !== null,
  input: (job) => ({ reference_track_url: job.reference_track_url ?? '' }),
};

const generateSound: StepDefinition<'generate_sound'> = {
  name: 'generate_sound',
  label: 'Generating Sound',
  applies: () => true,
  input: (job, outputs) => {
    const spec = required(outputs, 'parse_prompt');
    const request: GenerateRequest = {
      prompt_spec: {
        tempo: spec.tempo,
        key: spec.key,
        genre: spec.genre,
        instruments: spec.instruments,
        mood: spec.mood,
      },
    };
    if (job.reference_track_url !== null)
      request.style_features = required(outputs, 'analyze_style');
    return request;
  },
};

const mixMaster: StepDefinition<'mix_master'> = {
  name: 'mix_master',
  label: 'Mixing and Mastering',
  applies: () => true,
  input: (_job, outputs) => ({
    stem_paths: Object.values(required(outputs, 'generate_sound').stems),
  }),
};

/** The pipeline, in order. */
export const STEP_CATALOGUE: readonly StepDefinition[] = [
  parsePrompt,
  analyzeStyle,
  generateSound,
  mixMaster,
] as StepDefinition[];

export function stepsFor(job: JobInput): StepDefinition[] {
  return STEP_CATALOGUE.filter((step) => step.applies(job));
}

export function stepLabel(name: string | null): string | null {
  return STEP_CATALOGUE.find((step) => step.name === name)?.label ?? name;
}
