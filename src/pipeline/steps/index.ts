import { ArtifactKind } from '../../artifacts/artifact-kind';
import { analyzeStyle } from './analyze-style';
import { checkQuality } from './check-quality';
import { generateSound } from './generate-sound';
import { mixMaster } from './mix-master';
import { parsePrompt } from './parse-prompt';
import type { Checkpoints, FirstStep, JobInput, StepDefinition } from './step-definition';

/**
 * The pipeline, in order: the one list that step names, the API's step enum, the
 * configuration variables, the executor, the claim, the final result, the artifact listing
 * and retention are derived from. Each step is declared whole in its own file.
 */
export const STEPS = [
  parsePrompt, // first: the claim starts it (see FirstStep)
  analyzeStyle,
  generateSound,
  mixMaster,
  checkQuality,
] as const satisfies readonly [FirstStep, ...StepDefinition[]];

export type StepName = (typeof STEPS)[number]['name'];
/** Any step of the list, its input and output types erased. */
export type Step = StepDefinition<StepName>;
export type StepOutputs = Record<StepName, unknown>;

export const STEP_LIST: readonly Step[] = STEPS;
export const STEP_NAMES: readonly StepName[] = STEPS.map((step) => step.name);

/**
 * The version of the step list. Bump it, and add the new list to STEP_LIST_HISTORY (a test
 * holds the two to `STEPS`), whenever a step is added, removed, renamed or moved. Every job
 * records the version it was created under (`jobs.step_list_version`). During a rolling
 * upgrade a worker claims only jobs of its version or older: a job created under a newer
 * list waits for a newer worker, and an older job is moved forward to this list (each step
 * it has no checkpoint for runs, a removed step's checkpoint is ignored).
 */
export const STEP_LIST_VERSION = 2;
export const STEP_LIST_HISTORY: Readonly<Record<number, readonly string[]>> = {
  1: ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master'],
  2: ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master', 'check_quality'],
};
checkStepList(STEP_LIST);

/** What the claim needs of the first step to start it in its own statement. */
export const FIRST_STEP = { name: STEPS[0].name, inputSql: STEPS[0].claimInputSql };

export interface StepArtifactField {
  step: Step;
  kind: ArtifactKind;
  /** The field of the step's output that names the files. */
  field: string;
}

/** Every field of a step output that names files, in pipeline order. */
export const ARTIFACT_FIELDS: readonly StepArtifactField[] = STEP_LIST.flatMap((step) =>
  (step.artifacts ?? []).map((artifact) => ({ step, ...artifact })),
);

/** The output field that names the job's final track: its `final_track_url` comes from it. */
export const FINAL_TRACK = ARTIFACT_FIELDS.find(
  (field) => field.kind === ArtifactKind.Final,
) as StepArtifactField; // checkStepList made sure there is exactly one

export function stepsFor(job: JobInput): Step[] {
  return STEP_LIST.filter((step) => step.applies?.(job) ?? true);
}

export function stepLabel(name: string | null): string | null {
  return STEP_LIST.find((step) => step.name === name)?.label ?? name;
}

/** The step's own title in `steps[]`: its `title`, else its `label`. */
export function stepTitle(name: string): string {
  const step = STEP_LIST.find((s) => s.name === name);
  return step?.title ?? step?.label ?? name;
}

/** Where the final track is, by the checkpoint of the step that makes it. */
export function finalTrackLocation(done: Checkpoints): string | undefined {
  const output = done[FINAL_TRACK.step.name] as Record<string, unknown> | undefined;
  const location = output?.[FINAL_TRACK.field];
  return typeof location === 'string' ? location : undefined;
}

/**
 * Holds a list of steps to what the rest of the code relies on. `STEPS` is checked when this
 * module loads, so a wrong list stops the start.
 */
export function checkStepList(steps: readonly StepDefinition[]): void {
  const problems: string[] = [];
  const twice = (values: string[]) => values.filter((value, i) => values.indexOf(value) !== i);
  for (const name of twice(steps.map((step) => step.name)))
    problems.push(`step ${name} is listed twice`);
  for (const prefix of twice(steps.map((step) => step.envPrefix)))
    problems.push(`environment prefix ${prefix} is used by two steps`);
  const finals = steps.flatMap((step) =>
    (step.artifacts ?? []).filter((a) => a.kind === ArtifactKind.Final).map(() => step.name),
  );
  if (finals.length !== 1)
    problems.push(`exactly one step must produce the final track, found ${finals.length}`);
  if (problems.length > 0) throw new Error(`Invalid step list: ${problems.join('; ')}`);
}

export type { Checkpoints, JobInput, StepPolicy } from './step-definition';
