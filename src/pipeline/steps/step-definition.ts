import type { ArtifactKind } from '../../artifacts/artifact-kind';
import type { CallOptions, Validator } from '../../clients/http-transport';
import type { AudioFile } from '../../clients/reference-track.fetcher';
import type { QualityReport } from '../../quality/master-quality';

/** Per-step knobs; `baseDelayMs` is the first retry delay, doubled for each further attempt. */
export interface StepPolicy {
  timeoutMs: number;
  attempts: number;
  baseDelayMs: number;
}

/** What a step's input mapping may read of the job itself. */
export interface JobInput {
  prompt: string;
  reference_track_url: string | null;
}

/** The outputs of the steps that already succeeded (their checkpoints), by step name. */
export type Checkpoints = Readonly<Partial<Record<string, unknown>>>;

/** The downstream service a step calls. */
export interface ServiceBinding {
  /** Its name in typed errors, logs and a failed job's `error.service`. */
  name: string;
  /**
   * Where this server mounts its embedded implementation, called while `{envPrefix}_URL`
   * is unset. Without one, `{envPrefix}_URL` is required and the start fails without it.
   */
  embeddedPath?: string;
}

/** The step's own service at its URL; every answer is checked by the step's `validate`. */
export interface StepService<O> {
  postJson(body: unknown, options: CallOptions): Promise<O>;
  postFile(file: AudioFile, options: CallOptions): Promise<O>;
}

/** What a step that calls a service gets to run with. */
export interface ServiceCall<O> {
  service: StepService<O>;
  /** Downloads a user's reference track (size cap, timeout, SSRF guard, audio check). */
  fetchReferenceTrack: (url: string, options: Pick<CallOptions, 'signal'>) => Promise<AudioFile>;
  /** Cancel/shutdown signal, the step's timeout and its `Idempotency-Key`. */
  options: CallOptions;
}

/** What a step that works locally gets to run with. */
export interface LocalWork {
  options: CallOptions;
  tools: LocalTools;
}

/** What this process lends a local step: its files, its settings, its record of the run. */
export interface LocalTools {
  /** The file in ARTIFACTS_DIR a service-named location points at; undefined for anything else. */
  fileInArtifacts(location: string): string | undefined;
  /** Whether the mixing service's masters are ours to correct: embedded, or MIXING_MASTERING_OWNED. */
  mixerOwned: boolean;
  /** Records the quality report on the job (`jobs.quality`, `quality.checked`), fenced by the run. */
  recordQuality(report: QualityReport): Promise<void>;
}

/**
 * A file the step's output names, as its service named it (a path or an absolute URL):
 * listed under `/jobs/{id}/artifacts`, served to the job's owner, removed by retention.
 */
export interface StepArtifact {
  /**
   * `stem`: the field maps each instrument to its file (`{"piano": "/stems/job_1_piano.wav"}`);
   * `final`: the field names the final track, of which the job's `final_track_url` is made.
   */
  kind: ArtifactKind;
  /** A field of the step's output, as `validate` returns it. */
  field: string;
}

interface StepBasics<N extends string, I, O> {
  name: N;
  /** The `result.step` text the original clients show while this step runs. */
  label: string;
  /** How `steps[].label` (the CLI, the studio) names it, when that differs from `label`. */
  title?: string;
  /** Its variables: `{envPrefix}_URL` (service steps), `_TIMEOUT_MS`, `_ATTEMPTS`. */
  envPrefix: string;
  /** Defaults of the timeout and the retry budget; STEP_RETRY_DELAY_MS replaces `baseDelayMs`. */
  policy: StepPolicy;
  /** Whether the job needs this step at all; absent means every job does. */
  applies?(job: JobInput): boolean;
  /** Pure mapping from the job and earlier steps' outputs to this step's request. */
  input(job: JobInput, done: Checkpoints): I;
  /** Checks an answer (and a stored checkpoint) is in the contract's shape. */
  validate: Validator<O>;
  artifacts?: readonly StepArtifact[];
}

/** A step made of calls to its own service (and whatever else `run` needs). */
export interface ServiceStep<
  N extends string = string,
  I = unknown,
  O = unknown,
> extends StepBasics<N, I, O> {
  service: ServiceBinding;
  run(input: I, call: ServiceCall<O>): Promise<O>;
}

/**
 * A step this process does itself, with no service. Its `run` stops when `options.signal`
 * aborts and keeps to `options.timeoutMs`; it fails with a `TransientServiceError` (retried
 * within its policy) or a `PermanentServiceError` (fails the job), named after the step, as
 * a service call would: any other error is taken for an infrastructure fault.
 */
export interface LocalStep<N extends string = string, I = unknown, O = unknown> extends StepBasics<
  N,
  I,
  O
> {
  service?: undefined;
  run(input: I, work: LocalWork): Promise<O>;
}

export type StepDefinition<N extends string = string, I = unknown, O = unknown> =
  ServiceStep<N, I, O> | LocalStep<N, I, O>;

/** What the first step declares for the claim, which starts it (see `FirstStep`). */
export interface ClaimStart<I> {
  claimInputSql: string;
  applies?: undefined;
  input(job: JobInput): I;
}

/**
 * The step every job starts with. The claim marks it running in its own statement, so its
 * input is declared twice, side by side: `input` (from the job alone) and `claimInputSql`,
 * the same value as a SQL expression over the claimed `jobs` row `j`. A test holds them equal.
 */
export type FirstStep<N extends string = string, I = unknown, O = unknown> = StepDefinition<
  N,
  I,
  O
> &
  ClaimStart<I>;

/** An earlier step's output, typed by that step; throws when it has none yet. */
export function outputOf<O>(done: Checkpoints, step: StepDefinition<string, unknown, O>): O {
  const output = done[step.name];
  if (output === undefined) throw new Error(`output of ${step.name} is missing`);
  return output as O;
}
