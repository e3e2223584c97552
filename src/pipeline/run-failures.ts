import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CallAbortedError, ServiceError, TransientServiceError } from '../clients/service-errors';
import type { StepAttempt } from '../jobs/entities/job-step.entity';
import { JobTransitions } from '../jobs/state/job-transitions';
import type { RunWrite } from '../jobs/state/run-write';
import type { Fence } from '../jobs/state/types';
import { Metrics } from '../observability/metrics';
import type { Refusal } from './capacity/slot';
import { isInfrastructureOutage } from './infrastructure-outage';
import { UNEXPECTED_ERROR_RETRY_MS, UNEXPECTED_ERROR_RUNS } from './pipeline.constants';
import { RetryLaterError, retryDelayMs } from './retry-policy';
import type { Step } from './steps';

/**
 * What a run's failures mean for its job: a call the service refused as full, a failed
 * attempt (retried with backoff, or the job failed), a cancel or a shutdown that stopped
 * the call, and a run that threw (an outage of PostgreSQL or Redis, or an unexpected
 * error). Each records what happened and throws `RetryLaterError` when the job is to run
 * again; the runner calls them and stops.
 */
@Injectable()
export class RunFailures {
  private readonly logger = new Logger(RunFailures.name);

  constructor(
    private readonly jobs: JobTransitions,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The service refused the call as over its capacity while it served other calls of ours:
   * the learnt limit was one too many, not the job's fault. The attempt is logged but not
   * counted, and the step asks for a slot again once the service's Retry-After has passed.
   */
  async onRefused(
    fence: Fence,
    step: Step,
    attemptNo: number,
    startedAt: Date,
    refusal: Refusal,
  ): Promise<void> {
    const record = attemptRecord(attemptNo, startedAt, 'refused', refusal.error);
    this.metrics.stepAttempt(step.name, 'refused', record.duration_ms);
    this.logger.log({
      job_id: fence.jobId,
      step: step.name,
      retry_in_ms: refusal.retryInMs,
      msg: `${refusal.error.message}; back in line, the attempt not counted`,
    });
    if (await this.jobs.recordInterrupted(fence, step.name, record))
      throw new RetryLaterError(refusal.retryInMs, refusal.error.message);
  }

  async onStepError(
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
    // Anything else is for `onRunError` to sort: an outage, or an unexpected error.
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

  /**
   * What a run that threw ends in. A hand-back or a retry (`RetryLaterError`) and an outage
   * of PostgreSQL or Redis go back to the queue as they are: the job resumes once they are
   * back, however long that takes. Anything else is unexpected: logged with the job id,
   * counted in the job's row, and the job run again after a short delay, until
   * `UNEXPECTED_ERROR_RUNS` runs have ended so; then it fails with a message that says so
   * (the error itself, which may name internals, is in the log only).
   */
  async onRunError(fence: Fence, step: string | null, error: unknown): Promise<void> {
    if (error instanceof RetryLaterError) throw error;
    const jobId = fence.jobId;
    if (this.logRunError(jobId, step, error) === 'outage') throw error;
    const runs = await this.jobs.recordUnexpectedError(fence);
    if (runs === 'fenced') return this.stopped(jobId, runs);
    if (runs < UNEXPECTED_ERROR_RUNS) {
      const delay = UNEXPECTED_ERROR_RETRY_MS * 2 ** (runs - 1);
      this.logger.warn({
        job_id: jobId,
        step,
        unexpected_errors: runs,
        retry_in_ms: delay,
        msg: `Job runs again after an unexpected error (${runs} of ${UNEXPECTED_ERROR_RUNS})`,
      });
      throw new RetryLaterError(delay, 'unexpected error');
    }
    const message = `an unexpected internal error ended ${runs} runs of this job, so it was given up (the server log has the details under its job_id)`;
    this.logger.warn({ job_id: jobId, step, msg: `Job failed: ${message}` });
    const write = await this.jobs.fail(fence, step, { step, message }, null);
    if (write !== 'written') this.stopped(jobId, write);
  }

  /** Logs what ended a run: an outage of PostgreSQL or Redis, or an unexpected error. */
  logRunError(jobId: string, step: string | null, error: unknown): 'outage' | 'unexpected' {
    if (isInfrastructureOutage(error)) {
      this.logger.warn({
        job_id: jobId,
        step,
        err: describeError(error),
        msg: 'Run stopped: PostgreSQL or Redis is out of reach; the job resumes when it is back',
      });
      return 'outage';
    }
    this.logger.error({
      job_id: jobId,
      step,
      err: describeError(error),
      stack: error instanceof Error ? error.stack : undefined,
      msg: 'Unexpected error in the run of a job',
    });
    return 'unexpected';
  }

  /** What a run throws to give its job back to the queue; nothing counts against the budget. */
  handBack(jobId: string, delayMs = 0): RetryLaterError {
    this.logger.log({ job_id: jobId, msg: 'Job handed back: worker shutting down' });
    return new RetryLaterError(delayMs, 'worker shutting down');
  }

  /** A write that did not go as asked ends the run: the job was cancelled, or is someone else's now. */
  stopped(jobId: string, write: Exclude<RunWrite, 'written'>): void {
    if (write === 'cancelled') this.logger.log({ job_id: jobId, msg: 'Job cancelled' });
    else this.logger.log({ job_id: jobId, msg: 'Run stopped: the job is no longer held by it' });
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}

/**
 * What the failing answer said, for the log: a message shown to the user may leave it out
 * (the reference track's host is not ours to quote).
 */
function bodyOf(error: ServiceError): { body?: string } {
  return error.body ? { body: error.body } : {};
}

export function attemptRecord(
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
