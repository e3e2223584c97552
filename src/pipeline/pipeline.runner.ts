import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { CallAbortedError, ServiceError, TransientServiceError } from '../clients/service-errors';
import type { StepAttempt } from '../jobs/entities/job-step.entity';
import type { JobPriority } from '../jobs/job-priority';
import { StepStatus } from '../jobs/job-status';
import { JobTransitions } from '../jobs/state/job-transitions';
import type { RunWrite } from '../jobs/state/run-write';
import type { ClaimOutcome } from '../jobs/state/claim';
import type { ClaimedJob, Fence, StepFinish } from '../jobs/state/types';
import { Metrics } from '../observability/metrics';
import { isInfrastructureOutage } from './infrastructure-outage';
import { UNEXPECTED_ERROR_RETRY_MS, UNEXPECTED_ERROR_RUNS } from './pipeline.constants';
import { RetryLaterError, retryDelayMs } from './retry-policy';
import { finalTrackLocation, Step, STEP_LIST, StepName, StepOutputs, stepsFor } from './steps';
import { StepExecutor } from './step-executor';
import { type CallOutcome, ServiceCapacity, type Ticket } from './capacity/service-capacity';

/** How soon a step refused by its service's capacity asks again, without a Retry-After. */
const REFUSED_RETRY_MS = 1_000;
/** How often a run asks its service's line again when the line lost its place. */
const LOST_PLACE_TRIES = 3;
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
    private readonly capacity: ServiceCapacity,
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
    const early = this.askEarly(jobId);
    let claim: ClaimOutcome;
    try {
      claim = await this.jobs.claim(jobId);
    } catch (error) {
      await early.drop();
      // No claim, no fence to count an unexpected error with: logged, and left to Bull.
      this.logRunError(jobId, null, error);
      throw error;
    }
    if (claim.kind !== 'claimed') await early.drop();
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
    const progress: RunProgress = { step: job.started_step };
    try {
      await this.runSteps(job, fence, signal, shutdown, progress, early);
    } catch (error) {
      await this.onRunError(fence, progress.step, error);
    }
  }

  /**
   * The first step's slot, asked for while the job is claimed when its line had room a
   * moment ago: a fresh job then makes no round trip to its line before its first call. A
   * slot the run does not use (the job was not runnable, or resumes at a later step) is
   * given back.
   */
  private askEarly(jobId: string): EarlySlot {
    const first = STEP_LIST[0];
    if (!this.capacity.hasLine(first) || !this.capacity.likelyRoom(first))
      return new EarlySlot(this.capacity, first, jobId, Promise.resolve(false), this.logger);
    // A failed ask is only a missed shortcut: the run asks again the usual way.
    const taken = this.capacity.tryAcquire(first, jobId).catch(() => false);
    return new EarlySlot(this.capacity, first, jobId, taken, this.logger);
  }

  /**
   * The steps of a claimed run; `progress` names the step a throw is about: the one running,
   * or the one just finished while its output is mapped and recorded.
   */
  private async runSteps(
    job: ClaimedJob,
    fence: Fence,
    signal: AbortSignal,
    shutdown: AbortSignal,
    progress: RunProgress,
    early: EarlySlot,
  ): Promise<void> {
    const jobId = fence.jobId;
    this.logger.log({ job_id: jobId, run: job.attempt, msg: 'Job running' });
    const outputs = checkpoints(job);
    const remaining = stepsFor(job).filter((step) => outputs[step.name] === undefined);
    let finished: StepFinish | null = null;
    // The slot of the last call, which succeeded: given back with the next step's ask.
    let carried: Slot | undefined;
    // The first step's slot if it came with the claim, for the step the claim marked.
    let earlySlot = (await early.takenFor(job.started_step)) ? early.slot() : undefined;
    try {
      for (const step of remaining) {
        const input = step.input(job, outputs);
        // The claim already marked the first step running; every later one is marked here.
        const startedByClaim = finished === null && job.started_step === step.name;
        let marked = startedByClaim;
        let slot: Slot | undefined;
        if (earlySlot && startedByClaim) {
          slot = earlySlot;
          earlySlot = undefined;
        } else if (!shutdown.aborted && this.capacity.hasLine(step)) {
          const wait = await this.waitForSlot(job, fence, step, input, finished, carried, marked);
          if (wait === 'run ended') return;
          if (wait === 'after waiting') {
            // The wait checkpointed the finished step and queued this one: mark it running.
            finished = null;
            marked = false;
          }
          // Marked while its slot was asked for, the finished step checkpointed with it.
          if (wait === 'granted, marked') marked = true;
          slot = new Slot(this.capacity, step, jobId, this.logger);
        }
        // A slot the next step did not take over goes back while the step is marked (a
        // carried slot means a step finished in this run, so the step is never the claim's).
        const releasing = carried?.release();
        carried = undefined;
        try {
          if (!marked) {
            const [write] = await Promise.all([
              this.jobs.advance(fence, finished, { step: step.name, input }),
              releasing,
            ]);
            if (write !== 'written') return this.stopped(jobId, write);
          }
          // Until here a throw is the finished step's (its output could not be carried on).
          progress.step = step.name;
          if (finished) this.logStepSucceeded(jobId, finished);
          // The finished step is checkpointed; the next one is only marked, never called.
          if (shutdown.aborted) throw this.handBack(jobId);
          const attemptNo = (job.steps.find((s) => s.step === step.name)?.attempts ?? 0) + 1;
          this.logger.log({
            job_id: jobId,
            step: step.name,
            attempt: attemptNo,
            msg: 'Step started',
          });
          const startedAt = new Date();
          try {
            const output = await this.heartbeating(fence, () =>
              this.callWithin(step, () =>
                this.executor.execute(
                  step,
                  input,
                  {
                    signal,
                    timeoutMs: this.config.stepPolicies[step.name].timeoutMs,
                    idempotencyKey: `${jobId}:${step.name}`,
                  },
                  fence,
                ),
              ),
            );
            slot?.succeeded(Date.now() - startedAt.getTime());
            carried = slot;
            (outputs as Record<string, unknown>)[step.name] = output;
            finished = {
              step: step.name,
              output,
              attempt: attemptRecord(attemptNo, startedAt, 'succeeded'),
            };
            this.metrics.stepAttempt(step.name, 'succeeded', finished.attempt.duration_ms);
          } catch (error) {
            const refused = await slot?.releaseAfter(error, Date.now() - startedAt.getTime());
            if (refused) return await this.onRefused(fence, step, attemptNo, startedAt, refused);
            await this.onStepError(fence, step, attemptNo, startedAt, error, shutdown);
            return;
          }
        } finally {
          // A run that stopped before or around the call gives the slot back all the same.
          if (slot !== carried) await slot?.release('other', 0);
        }
      }
    } finally {
      // The last call's slot, and one a run that stopped early still carries.
      await carried?.release();
      await earlySlot?.release();
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

  /**
   * A slot of the step's service for this job's call, or its place in the service's line.
   * A job that must wait has its finished step checkpointed and the step QUEUED, and its
   * run ends: it holds no worker slot while it waits, and it is enqueued again when a
   * slot is handed to it. `after waiting` means a slot came while the wait was recorded;
   * `granted, marked` that the step was marked running (the finished one checkpointed)
   * while its slot was asked for. The slot of the previous step's call, when `carried`,
   * goes back in the same round trip as the ask.
   */
  private async waitForSlot(
    job: ClaimedJob,
    fence: Fence,
    step: Step,
    input: unknown,
    finished: StepFinish | null,
    carried: Slot | undefined,
    marked: boolean,
  ): Promise<'granted' | 'granted, marked' | 'after waiting' | 'run ended'> {
    const jobId = fence.jobId;
    const ask = () =>
      carried
        ? carried.handOver(step, job.owner, job.priority)
        : this.capacity.acquire(step, jobId, job.owner, job.priority);
    let ticket: Ticket;
    if (!marked && this.capacity.likelyRoom(step)) {
      // The line had room at this process's last look: the step is marked running while
      // its slot is asked for, one round trip on the job's path instead of two. Should the
      // line be full after all, the step goes QUEUED next (step.started, then step.queued).
      const [asked, marking] = await Promise.allSettled([
        ask(),
        this.jobs.advance(fence, finished, { step: step.name, input }),
      ]);
      const unused = async () => {
        if (asked.status === 'fulfilled') await this.giveBack(step, jobId, asked.value);
      };
      if (marking.status === 'rejected') {
        await unused();
        throw marking.reason;
      }
      if (marking.value !== 'written') {
        await unused();
        this.stopped(jobId, marking.value);
        return 'run ended';
      }
      if (asked.status === 'rejected') throw asked.reason;
      ticket = asked.value;
      if (ticket.kind === 'granted') return 'granted, marked';
      if (finished) this.logStepSucceeded(jobId, finished);
      finished = null;
    } else ticket = await ask();
    if (ticket.kind === 'granted') return 'granted';
    const write = await this.jobs.queueStep(
      fence,
      finished,
      { step: step.name, input },
      ticket.position,
    );
    if (write !== 'written') {
      await this.capacity.leave(jobId);
      this.stopped(jobId, write);
      return 'run ended';
    }
    if (finished) this.logStepSucceeded(jobId, finished);
    this.logger.log({
      job_id: jobId,
      step: step.name,
      position: ticket.position,
      eta_seconds: ticket.etaSeconds,
      msg: 'Step waits in line for its service',
    });
    // The line may lose the job between the two scripts (Redis flushed meanwhile): it asks
    // again, and its step stays QUEUED.
    for (let tries = 0; tries < LOST_PLACE_TRIES; tries++) {
      const parked = await this.capacity.park(step, jobId);
      if (parked === 'granted') return 'after waiting';
      if (parked === 'parked') return 'run ended';
      const again = await this.capacity.acquire(step, jobId, job.owner, job.priority);
      if (again.kind === 'granted') return 'after waiting';
    }
    throw new RetryLaterError(0, 'the service line lost its place');
  }

  /** A slot or a place in line the run will not use, given back; a failure is only logged. */
  private async giveBack(step: Step, jobId: string, ticket: Ticket): Promise<void> {
    try {
      if (ticket.kind === 'granted') await this.capacity.release(step, jobId, 'other', 0);
      else await this.capacity.leave(jobId);
    } catch (error) {
      this.logger.warn({
        job_id: jobId,
        step: step.name,
        msg: 'Service slot not given back; it expires by itself',
        err: String(error),
      });
    }
  }

  /** Runs a call to an embedded service within this process's slots for it, if limited. */
  private callWithin<T>(step: Step, call: () => Promise<T>): Promise<T> {
    const slots = this.capacity.localSlots(step);
    return slots ? slots.run(call) : call();
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

  /**
   * The service refused the call as over its capacity while it served other calls of ours:
   * the learnt limit was one too many, not the job's fault. The attempt is logged but not
   * counted, and the step asks for a slot again once the service's Retry-After has passed.
   */
  private async onRefused(
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
  private async onRunError(fence: Fence, step: string | null, error: unknown): Promise<void> {
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
  private logRunError(jobId: string, step: string | null, error: unknown): 'outage' | 'unexpected' {
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

/** A slot of a service held by a run's call: given back once, however the call ends. */
class Slot {
  private released = false;
  /** How long the call took, once it succeeded. */
  private succeededMs?: number;

  constructor(
    private readonly capacity: ServiceCapacity,
    private readonly step: Step,
    private readonly jobId: string,
    private readonly logger: Logger,
  ) {}

  /** The call succeeded: `release()` (or the next step's `handOver`) says so. */
  succeeded(latencyMs: number): void {
    this.succeededMs = latencyMs;
  }

  /**
   * Gives back the slot of a call that succeeded and asks for one of `next`'s service in
   * the same round trip; a slot given back already leaves only the ask.
   */
  async handOver(next: Step, owner: string, priority: JobPriority): Promise<Ticket> {
    if (this.released || this.succeededMs === undefined)
      return this.capacity.acquire(next, this.jobId, owner, priority);
    this.released = true;
    return this.capacity.handOver(this.step, this.succeededMs, next, this.jobId, owner, priority);
  }

  /**
   * Gives the slot back after a call that failed: a 429 or 503 says the service is full.
   * A refusal while the service was serving other calls of ours is a refusal of the limit
   * (returned); one with no other call in flight is the service's own trouble.
   */
  async releaseAfter(error: unknown, latencyMs: number): Promise<Refusal | undefined> {
    const full =
      error instanceof TransientServiceError &&
      (error.statusCode === 429 || error.statusCode === 503);
    if (!full) {
      await this.release('other', latencyMs);
      return undefined;
    }
    const others = await this.release('rejected', latencyMs, error.retryAfterMs);
    if (others === 0) return undefined;
    return { error, retryInMs: error.retryAfterMs ?? REFUSED_RETRY_MS };
  }

  /**
   * Gives the slot back, as a success when the call succeeded. Returns the other calls in
   * flight when it ended (0 when the release failed).
   */
  async release(
    outcome: CallOutcome = 'other',
    latencyMs = 0,
    retryAfterMs?: number,
  ): Promise<number> {
    if (this.released) return 0;
    this.released = true;
    const ok = this.succeededMs !== undefined;
    try {
      return await this.capacity.release(
        this.step,
        this.jobId,
        ok ? 'ok' : outcome,
        this.succeededMs ?? latencyMs,
        retryAfterMs,
      );
    } catch (error) {
      // Not renewed any more, the lease expires by itself within seconds.
      this.logger.warn({
        job_id: this.jobId,
        step: this.step.name,
        msg: 'Service slot not released; it expires by itself',
        err: String(error),
      });
      return 0;
    }
  }
}

/** The first step's slot, asked for while its job is claimed (`PipelineRunner.askEarly`). */
class EarlySlot {
  private used = false;

  constructor(
    private readonly capacity: ServiceCapacity,
    private readonly step: Step,
    private readonly jobId: string,
    private readonly taken: Promise<boolean>,
    private readonly logger: Logger,
  ) {}

  /** Whether the slot was taken for the step the claim marked running; if not, it goes back. */
  async takenFor(startedStep: string | null): Promise<boolean> {
    if (!(await this.taken)) return false;
    if (startedStep === this.step.name) return true;
    await this.drop();
    return false;
  }

  /** The slot, held by the run's first call from now on. */
  slot(): Slot {
    this.used = true;
    return new Slot(this.capacity, this.step, this.jobId, this.logger);
  }

  /** Gives back a slot taken but not used. */
  async drop(): Promise<void> {
    if (this.used || !(await this.taken)) return;
    this.used = true;
    await this.slot().release();
  }
}

/** A call the service refused as over its capacity, and when to ask for a slot again. */
interface Refusal {
  error: TransientServiceError;
  retryInMs: number;
}

/** Where a run is: the step it works on, once it has one. */
interface RunProgress {
  step: string | null;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
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
