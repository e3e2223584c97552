import { JobStatus } from '../job-status';
import type { TransitionContext } from './transition-context';
import type { Fence, StepFinish, StepStart } from './types';

/**
 * What a write of a running job did: `written` as asked; `cancelled` when a cancel had been
 * accepted, so the job ended CANCELLED instead (what finished is still checkpointed);
 * `fenced` when the run no longer holds the job (another run claimed it, or it is finished),
 * so nothing was written.
 */
export type RunWrite = 'written' | 'cancelled' | 'fenced';

/** The jobs row a run's write returns: none when fenced. */
export interface RunWriteRow {
  status: JobStatus;
}

/** Reads the outcome of a run's write and announces it; `endsIn` is the status a written change ends the job in. */
export function settleRunWrite(
  ctx: TransitionContext,
  jobId: string,
  rows: RunWriteRow[],
  endsIn?: JobStatus,
): RunWrite {
  const row = rows[0];
  if (!row) return 'fenced';
  if (row.status === JobStatus.Cancelled) {
    ctx.announce.changed(jobId, JobStatus.Cancelled);
    return 'cancelled';
  }
  ctx.announce.changed(jobId, endsIn);
  return 'written';
}

/**
 * The parameters of a write that checkpoints the step a run finished and moves on to the
 * next (`advance`, `queueStep`): $1 job, $2 fence, $3 next step, $4-$6 the finished step,
 * its output and attempt, $7 the next step's input, $8 the finished attempt's duration.
 */
export function nextStepParams(
  fence: Fence,
  finish: StepFinish | null,
  start: StepStart,
): unknown[] {
  return [
    fence.jobId,
    fence.attempt,
    start.step,
    finish?.step ?? null,
    finish ? JSON.stringify(finish.output) : null,
    finish ? JSON.stringify(finish.attempt) : null,
    JSON.stringify(start.input ?? null),
    finish?.attempt.duration_ms ?? null,
  ];
}
