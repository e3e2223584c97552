import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { CallAbortedError, ServiceError, TransientServiceError } from '../clients/service-errors';
import type { StepAttempt } from '../jobs/entities/job-step.entity';
import { StepStatus } from '../jobs/job-status';
import { JobTransitions } from '../jobs/state/job-transitions';
import type { RunWrite } from '../jobs/state/run-write';
import type { ClaimedJob, Fence, StepFinish } from '../jobs/state/types';
import { Metrics } from '../observability/metrics';
import { RetryLaterError, retryDelayMs } from './retry-policy';
import { finalTrackLocation, Step, StepName, StepOutputs, stepsFor } from './steps';
import { StepExecutor } from './step-executor';

/** How soon a job of a newer step list is offered to the workers again. */
const NEWER_STEP_LIST_RETRY_MS = 5_000;

/**
 * Runs one job from its first unfinished step to the end. Every write is fenced by the
 * claim, so a run that lost its claim (stalled, cancelled, failed by the deadline) stops
 * without touching the job.
 */
@Injectable()
export class PipelineRunner {
  private readonly logger = new Logger(PipelineRunner.name);

  constructor(
    private readonly jobs: JobTransitions,
    private readonly executor: StepExecutor,
    private readonly artifacts: ArtifactUrls,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Throws `RetryLaterError` to have the job re-run later; any other throw is an
   * infrastructure fault. `signal` aborts the in-flight call (cancel, end of the grace
   * period); `shutdown` fires when the worker starts draining: from then on no step starts,
   * and a call that fails is an interruption, not a failed attempt (the services may be
   * going away with this process, as the embedded ones do).
   */
  async run(jobId: string, signal: AbortSignal, shutdown: AbortSignal): Promise<void> {
    if (shutdown.aborted) throw this.handBack(jobId);
    const claim = await this.jobs.claim(jobId);
    if (claim.kind === 'not-runnable') return;
    if (claim.kind === 'cancelled') {
      this.logger.log({ job_id: jobId, msg: 'Job cancelled' });
      return;
    }
    if (claim.kind === 'newer-step-list') {
      // Mid rolling upgrade: a worker that knows the job's steps will take it.
      this.logger.log({ job_id: jobId, msg: 'Job left to a worker of a newer step list' });
      throw new RetryLaterError(NEWER_STEP_LIST_RETRY_MS, 'job made under a newer step list');
    }
    const job = claim.job;
    const fence: Fence = { jobId, attempt: job.attempt };
    this.logger.log({ job_id: jobId, run: job.attempt, msg: 'Job running' });
    const outputs = checkpoints(job);
    const remaining = stepsFor(job).filter((step) => outputs[step.name] === undefined);
    let finished: StepFinish | null = null;

    for (const step of remaining) {
      const input = step.input(job, outputs);
      // The claim already marked the first step running; every later one is marked here.
      const startedByClaim = finished === null && job.started_step === step.name;
      if (!startedByClaim) {
        const write = await this.jobs.advance(fence, finished, { step: step.name, input });
        if (write !== 'written') return this.stopped(jobId, write);
      }
      if (finished) this.logStepSucceeded(jobId, finished);
      // The finished step is checkpointed; the next one is only marked, never called.
      if (shutdown.aborted) throw this.handBack(jobId);
      const attemptNo = (job.steps.find((s) => s.step === step.name)?.attempts ?? 0) + 1;
      this.logger.log({ job_id: jobId, step: step.name, attempt: attemptNo, msg: 'Step started' });
      const startedAt = new Date();
      try {
        const output = await this.heartbeating(fence, () =>
          this.executor.execute(step, input, {
            signal,
            timeoutMs: this.config.stepPolicies[step.name].timeoutMs,
            idempotencyKey: `${jobId}:${step.name}`,
          }),
        );
        (outputs as Record<string, unknown>)[step.name] = output;
        finished = {
          step: step.name,
          output,
          attempt: attemptRecord(attemptNo, startedAt, 'succeeded'),
        };
        this.metrics.stepAttempt(step.name, 'succeeded', finished.attempt.duration_ms);
      } catch (error) {
        await this.onStepError(fence, step, attemptNo, startedAt, error, shutdown);
        return;
      }
    }

    // With every step checkpointed by earlier runs (a job cancelled after its last step
    // finished, then retried), `finished` is null and the job succeeds at once.
    const finalTrack = finalTrackLocation(outputs);
    const url = finalTrack ? this.artifacts.downloadUrlFor(finalTrack) : '';
    const write = await this.jobs.succeed(fence, finished, { final_track_url: url });
    if (write !== 'written') return this.stopped(jobId, write);
    if (finished) this.logStepSucceeded(jobId, finished);
    this.logger.log({ job_id: jobId, final_track_url: url, msg: 'Job succeeded' });
  }

  private logStepSucceeded(jobId: string, finished: StepFinish): void {
    this.logger.log({
      job_id: jobId,
      step: finished.step,
      duration_ms: finished.attempt.duration_ms,
      msg: 'Step succeeded',
    });
  }

  /**
   * Runs `call`, refreshing the job's `updated_at` while it lasts longer than a third of the
   * lock duration: the reconciler reads a fresh row as a live run. Fast steps write nothing.
   */
  private async heartbeating<T>(fence: Fence, call: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      this.jobs
        .heartbeat(fence)
        .catch((error: unknown) =>
          this.logger.warn({ job_id: fence.jobId, msg: 'Heartbeat failed', err: String(error) }),
        );
    }, this.config.lockDurationMs / 3);
    try {
      return await call();
    } finally {
      clearInterval(timer);
    }
  }

  private async onStepError(
    fence: Fence,
    step: Step,
    attemptNo: number,
    startedAt: Date,
    error: unknown,
    shutdown: AbortSignal,
  ): Promise<void> {
    if (error instanceof TransientServiceError && shutdown.aborted) {
      await this.jobs.recordInterrupted(
        fence,
        step.name,
        attemptRecord(attemptNo, startedAt, 'interrupted', error),
      );
      throw this.handBack(fence.jobId, error.retryAfterMs);
    }
    if (error instanceof CallAbortedError) {
      if (error.reason === 'cancelled') {
        const record = attemptRecord(attemptNo, startedAt, 'cancelled');
        this.metrics.stepAttempt(step.name, 'cancelled', record.duration_ms);
        if (await this.jobs.markCancelled(fence.jobId, step.name, record))
          this.logger.log({ job_id: fence.jobId, msg: 'Job cancelled' });
        return;
      }
      await this.jobs.recordInterrupted(
        fence,
        step.name,
        attemptRecord(attemptNo, startedAt, 'interrupted'),
      );
      throw this.handBack(fence.jobId);
    }
    if (!(error instanceof ServiceError)) throw error;

    const policy = this.config.stepPolicies[step.name];
    const record = attemptRecord(attemptNo, startedAt, 'retrying', error);
    const retrying = error instanceof TransientServiceError && attemptNo < policy.attempts;
    this.metrics.stepAttempt(step.name, retrying ? 'retrying' : 'failed', record.duration_ms);
    if (retrying) {
      const delay = retryDelayMs(policy, attemptNo, error.retryAfterMs);
      this.logger.warn({
        job_id: fence.jobId,
        step: step.name,
        attempt: attemptNo,
        retry_in_ms: delay,
        msg: error.message,
        ...bodyOf(error),
      });
      const write = await this.jobs.recordRetry(fence, step.name, record, delay);
      if (write === 'written') throw new RetryLaterError(delay, error.message);
      return this.stopped(fence.jobId, write);
    }
    const message =
      error instanceof TransientServiceError
        ? `${error.message} (gave up after ${attemptNo} attempts)`
        : error.message;
    this.logger.warn({
      job_id: fence.jobId,
      step: step.name,
      msg: `Job failed: ${message}`,
      ...bodyOf(error),
    });
    const jobError = {
      step: step.name,
      message,
      service: error.service,
      ...(error.statusCode ? { status_code: error.statusCode } : {}),
    };
    const write = await this.jobs.fail(fence, step.name, jobError, {
      ...record,
      outcome: 'failed',
    });
    if (write !== 'written') this.stopped(fence.jobId, write);
  }

  /** What a run throws to give its job back to the queue; nothing counts against the budget. */
  private handBack(jobId: string, delayMs = 0): RetryLaterError {
    this.logger.log({ job_id: jobId, msg: 'Job handed back: worker shutting down' });
    return new RetryLaterError(delayMs, 'worker shutting down');
  }

  /** A write that did not go as asked ends the run: the job was cancelled, or is someone else's now. */
  private stopped(jobId: string, write: Exclude<RunWrite, 'written'>): void {
    if (write === 'cancelled') this.logger.log({ job_id: jobId, msg: 'Job cancelled' });
    else this.logger.log({ job_id: jobId, msg: 'Run stopped: the job is no longer held by it' });
  }
}

function checkpoints(job: ClaimedJob): Partial<StepOutputs> {
  const outputs: Partial<Record<StepName, unknown>> = {};
  for (const step of job.steps) {
    if (step.status === StepStatus.Succeeded) outputs[step.step as StepName] = step.output;
  }
  return outputs;
}

/**
 * What the failing answer said, for the log: a message shown to the user may leave it out
 * (the reference track's host is not ours to quote).
 */
function bodyOf(error: ServiceError): { body?: string } {
  return error.body ? { body: error.body } : {};
}

function attemptRecord(
  attempt: number,
  startedAt: Date,
  outcome: StepAttempt['outcome'],
  error?: unknown,
): StepAttempt {
  const finishedAt = new Date();
  const record: StepAttempt = {
    attempt,
    started_at: startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    duration_ms: finishedAt.getTime() - startedAt.getTime(),
    outcome,
  };
  if (error instanceof Error) record.error = error.message;
  if (error instanceof ServiceError && error.statusCode) record.status_code = error.statusCode;
  return record;
}
