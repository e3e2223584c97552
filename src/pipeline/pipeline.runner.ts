import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { CallAbortedError, ServiceError, TransientServiceError } from '../clients/service-errors';
import type { StepAttempt } from '../jobs/entities/job-step.entity';
import { JobEventsNotifier } from '../jobs/job-events.notifier';
import { JobStatus, StepStatus } from '../jobs/job-status';
import { Metrics } from '../observability/metrics';
import { ClaimedJob, Fence, JobsRepository, StepFinish } from '../jobs/jobs.repository';
import { RetryLaterError, retryDelayMs } from './retry-policy';
import { FINAL_TRACK, finalTrackLocation, Step, StepName, StepOutputs, stepsFor } from './steps';
import { StepExecutor } from './step-executor';

/**
 * Runs one job from its first unfinished step to the end. Every write is fenced by the
 * claim, so a run that lost its claim (stalled, cancelled, failed by the deadline) stops
 * without touching the job.
 */
@Injectable()
export class PipelineRunner {
  private readonly logger = new Logger(PipelineRunner.name);

  constructor(
    private readonly jobs: JobsRepository,
    private readonly executor: StepExecutor,
    private readonly artifacts: ArtifactUrls,
    private readonly config: AppConfig,
    private readonly notifier: JobEventsNotifier,
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
    if (claim.kind === 'cancel-requested') {
      await this.cancelled(jobId, this.jobs.markCancelled(jobId, null, null));
      return;
    }
    this.notifier.changed(jobId);
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
        if (!(await this.jobs.advance(fence, finished, { step: step.name, input }))) {
          await this.onFenceLost(jobId);
          return;
        }
        this.notifier.changed(jobId);
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

    if (finished === null) {
      // Every step was already checkpointed by an earlier run that died before finishing.
      const [lastStep] = stepsFor(job).slice(-1);
      const last = job.steps.find((s) => s.step === lastStep.name);
      finished = {
        step: lastStep.name,
        output: last?.output,
        attempt: attemptRecord(0, new Date(), 'succeeded'),
      };
    }
    const finalTrack = finalTrackLocation(outputs);
    const url = finalTrack ? this.artifacts.downloadUrlFor(finalTrack) : undefined;
    if (url === undefined) {
      const message = `${FINAL_TRACK.field} ${finalTrack ?? '(none)'} is neither a URL nor inside ARTIFACTS_DIR; set ARTIFACT_BASE_URL`;
      const step = FINAL_TRACK.step.name;
      await this.finished(
        fence,
        JobStatus.Failure,
        this.jobs.fail(fence, step, { step, message }, null),
      );
      return;
    }
    if (
      await this.finished(
        fence,
        JobStatus.Success,
        this.jobs.succeed(fence, finished, { final_track_url: url }),
      )
    ) {
      this.logStepSucceeded(jobId, finished);
      this.logger.log({ job_id: jobId, final_track_url: url, msg: 'Job succeeded' });
    }
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
        await this.cancelled(fence.jobId, this.jobs.markCancelled(fence.jobId, step.name, record));
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
      });
      if (await this.jobs.recordRetry(fence, step.name, record, delay)) {
        this.notifier.changed(fence.jobId);
        throw new RetryLaterError(delay, error.message);
      }
      await this.onFenceLost(fence.jobId);
      return;
    }
    const message =
      error instanceof TransientServiceError
        ? `${error.message} (gave up after ${attemptNo} attempts)`
        : error.message;
    this.logger.warn({ job_id: fence.jobId, step: step.name, msg: `Job failed: ${message}` });
    const jobError = {
      step: step.name,
      message,
      service: error.service,
      ...(error.statusCode ? { status_code: error.statusCode } : {}),
    };
    await this.finished(
      fence,
      JobStatus.Failure,
      this.jobs.fail(fence, step.name, jobError, { ...record, outcome: 'failed' }),
    );
  }

  /** Reports a terminal write; when the fence did not hold, the job belongs to someone else now. */
  private async finished(
    fence: Fence,
    status: JobStatus,
    write: Promise<boolean>,
  ): Promise<boolean> {
    if (await write) {
      this.metrics.jobsFinished.inc({ status });
      this.notifier.changed(fence.jobId);
      return true;
    }
    await this.onFenceLost(fence.jobId);
    return false;
  }

  private async cancelled(jobId: string, write: Promise<boolean>): Promise<void> {
    if (await write) {
      this.metrics.jobsFinished.inc({ status: JobStatus.Cancelled });
      this.notifier.changed(jobId);
      this.logger.log({ job_id: jobId, msg: 'Job cancelled' });
    }
  }

  /** What a run throws to give its job back to the queue; nothing counts against the budget. */
  private handBack(jobId: string, delayMs = 0): RetryLaterError {
    this.logger.log({ job_id: jobId, msg: 'Job handed back: worker shutting down' });
    return new RetryLaterError(delayMs, 'worker shutting down');
  }

  /** The claim no longer holds: finish a requested cancel, otherwise leave the job to whoever holds it. */
  private async onFenceLost(jobId: string): Promise<void> {
    await this.cancelled(jobId, this.jobs.markCancelled(jobId, null, null));
  }
}

function checkpoints(job: ClaimedJob): Partial<StepOutputs> {
  const outputs: Partial<Record<StepName, unknown>> = {};
  for (const step of job.steps) {
    if (step.status === StepStatus.Succeeded) outputs[step.step as StepName] = step.output;
  }
  return outputs;
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
