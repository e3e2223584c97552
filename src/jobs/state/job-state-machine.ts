import { JobStatus, StepStatus } from '../job-status';

/** The transitions of a job, one module each in this folder. */
export type TransitionName =
  | 'createJob'
  | 'claim'
  | 'advance'
  | 'queueStep'
  | 'succeed'
  | 'recordRetry'
  | 'recordInterrupted'
  | 'recordUnexpectedError'
  | 'fail'
  | 'requestCancel'
  | 'markCancelled'
  | 'reopen'
  | 'failOverdue'
  | 'heartbeat'
  | 'recordQuality';

/**
 * What besides the status decides a transition: whether a cancel was requested. The writes
 * of a run are also fenced by its attempt (a stale run writes nothing), and failOverdue
 * needs the deadline passed; the table lists what happens when those hold.
 */
export type Guard = 'always' | 'cancel requested' | 'no cancel request';

export interface JobTransitionRule {
  transition: TransitionName;
  /** null: the job does not exist yet. */
  from: JobStatus | null;
  guard: Guard;
  to: JobStatus;
}

const { Pending, Processing, Success, Failure, Cancelled } = JobStatus;

/**
 * Every allowed change of a job's status. A transition called on a job that no row here
 * admits is a no-op: it writes nothing, emits nothing and says so in its return value.
 * A cancel that was accepted wins: every transition of an unfinished job with a cancel
 * request ends it CANCELLED (or leaves the flag for the next one).
 */
export const JOB_TRANSITIONS: readonly JobTransitionRule[] = [
  { transition: 'createJob', from: null, guard: 'always', to: Pending },
  { transition: 'claim', from: Pending, guard: 'no cancel request', to: Processing },
  { transition: 'claim', from: Processing, guard: 'no cancel request', to: Processing },
  { transition: 'claim', from: Pending, guard: 'cancel requested', to: Cancelled },
  { transition: 'claim', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'advance', from: Processing, guard: 'no cancel request', to: Processing },
  { transition: 'advance', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'queueStep', from: Processing, guard: 'no cancel request', to: Processing },
  { transition: 'queueStep', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'succeed', from: Processing, guard: 'no cancel request', to: Success },
  { transition: 'succeed', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'recordRetry', from: Processing, guard: 'no cancel request', to: Processing },
  { transition: 'recordRetry', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'recordInterrupted', from: Processing, guard: 'always', to: Processing },
  { transition: 'recordUnexpectedError', from: Processing, guard: 'always', to: Processing },
  { transition: 'fail', from: Processing, guard: 'no cancel request', to: Failure },
  { transition: 'fail', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'requestCancel', from: Pending, guard: 'always', to: Pending },
  { transition: 'requestCancel', from: Processing, guard: 'always', to: Processing },
  { transition: 'markCancelled', from: Pending, guard: 'cancel requested', to: Cancelled },
  { transition: 'markCancelled', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'reopen', from: Failure, guard: 'always', to: Pending },
  { transition: 'reopen', from: Cancelled, guard: 'always', to: Pending },
  { transition: 'failOverdue', from: Pending, guard: 'no cancel request', to: Failure },
  { transition: 'failOverdue', from: Processing, guard: 'no cancel request', to: Failure },
  { transition: 'failOverdue', from: Pending, guard: 'cancel requested', to: Cancelled },
  { transition: 'failOverdue', from: Processing, guard: 'cancel requested', to: Cancelled },
  { transition: 'heartbeat', from: Processing, guard: 'always', to: Processing },
  { transition: 'recordQuality', from: Processing, guard: 'always', to: Processing },
];

export interface StepTransitionRule {
  transition: TransitionName;
  /** Which step of the call: the one it starts, the one it finishes, or any other step of the job. */
  role: 'started' | 'finished' | 'other';
  /** null: the step has no row yet. */
  from: StepStatus | null;
  guard: Guard;
  to: StepStatus;
}

const { Queued, Running, Retrying, Succeeded, Failed } = StepStatus;
const StepPending = StepStatus.Pending;
const StepCancelled = StepStatus.Cancelled;
const UNFINISHED = [StepPending, Queued, Running, Retrying] as const;
/** What a step is in before a run starts or queues it. */
const STARTABLE = [null, StepPending, Queued, Retrying, Running] as const;

function each(
  froms: readonly (StepStatus | null)[],
  rule: Omit<StepTransitionRule, 'from'>,
): StepTransitionRule[] {
  return froms.map((from) => ({ ...rule, from }));
}

/**
 * Every change of a step's status, by the job transition that makes it. A SUCCEEDED step
 * is a checkpoint: only a finished step of the same call becomes SUCCEEDED, and nothing
 * but retention ever changes a SUCCEEDED row.
 */
export const STEP_TRANSITIONS: readonly StepTransitionRule[] = [
  ...each(STARTABLE, {
    transition: 'claim',
    role: 'started',
    guard: 'no cancel request',
    to: Running,
  }),
  ...each(UNFINISHED, {
    transition: 'claim',
    role: 'other',
    guard: 'cancel requested',
    to: StepCancelled,
  }),
  ...each(STARTABLE, {
    transition: 'advance',
    role: 'started',
    guard: 'no cancel request',
    to: Running,
  }),
  { transition: 'advance', role: 'finished', from: Running, guard: 'always', to: Succeeded },
  ...each(UNFINISHED, {
    transition: 'advance',
    role: 'other',
    guard: 'cancel requested',
    to: StepCancelled,
  }),
  ...each(STARTABLE, {
    transition: 'queueStep',
    role: 'started',
    guard: 'no cancel request',
    to: Queued,
  }),
  { transition: 'queueStep', role: 'finished', from: Running, guard: 'always', to: Succeeded },
  ...each(UNFINISHED, {
    transition: 'queueStep',
    role: 'other',
    guard: 'cancel requested',
    to: StepCancelled,
  }),
  { transition: 'succeed', role: 'finished', from: Running, guard: 'always', to: Succeeded },
  {
    transition: 'recordRetry',
    role: 'finished',
    from: Running,
    guard: 'no cancel request',
    to: Retrying,
  },
  {
    transition: 'recordRetry',
    role: 'finished',
    from: Running,
    guard: 'cancel requested',
    to: StepCancelled,
  },
  {
    transition: 'recordInterrupted',
    role: 'finished',
    from: Running,
    guard: 'always',
    to: Retrying,
  },
  { transition: 'fail', role: 'finished', from: Running, guard: 'always', to: Failed },
  ...each(UNFINISHED, {
    transition: 'markCancelled',
    role: 'other',
    guard: 'cancel requested',
    to: StepCancelled,
  }),
  ...each(UNFINISHED, {
    transition: 'failOverdue',
    role: 'other',
    guard: 'no cancel request',
    to: Failed,
  }),
  ...each(UNFINISHED, {
    transition: 'failOverdue',
    role: 'other',
    guard: 'cancel requested',
    to: StepCancelled,
  }),
  ...each([StepPending, Queued, Running, Retrying, Failed, StepCancelled], {
    transition: 'reopen',
    role: 'other',
    guard: 'always',
    to: StepPending,
  }),
];

/** The rule that admits `transition` on a job in `from`, if any. */
export function jobRuleFor(
  transition: TransitionName,
  from: JobStatus,
  cancelRequested: boolean,
): JobTransitionRule | undefined {
  return JOB_TRANSITIONS.find(
    (rule) =>
      rule.transition === transition &&
      rule.from === from &&
      (rule.guard === 'always' || (rule.guard === 'cancel requested') === cancelRequested),
  );
}
