import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { StepStatus } from '../jobs/job-status';
import { JobTransitions } from '../jobs/state/job-transitions';
import type { ClaimOutcome } from '../jobs/state/claim';
import type { ClaimedJob, Fence, StepFinish } from '../jobs/state/types';
import { Metrics } from '../observability/metrics';
import { RetryLaterError } from './retry-policy';
import { finalTrackLocation, Step, STEP_LIST, StepName, StepOutputs, stepsFor } from './steps';
import { StepExecutor } from './step-executor';
import { attemptRecord, RunFailures } from './run-failures';
import { ServiceCapacity, type Ticket } from './capacity/service-capacity';
import { EarlySlot, Slot } from './capacity/slot';

/** How often a run asks its service's line again when the line lost its place. */
const LOST_PLACE_TRIES = 3;
/** How soon a job of a newer step list is offered to the workers again. */
const NEWER_STEP_LIST_RETRY_MS = 5_000;

/**
 * Runs one job from its first unfinished step to the end. Every write is fenced by the
 * claim, so a run that lost its claim (stalled, cancelled, failed by the deadline) stops
 * without touching the job. Each call holds a slot of its service's line (`Slot`); what a
 * failed call or run means for the job is `RunFailures`'.
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
    private readonly failures: RunFailures,
  ) {}

  /**
   * Throws `RetryLaterError` to have the job re-run later; any other throw is an
   * infrastructure fault. `signal` aborts the in-flight call (cancel, end of the grace
   * period); `shutdown` fires when the worker starts draining: from then on no step starts,
   * and a call that fails is an interruption, not a failed attempt (the services may be
   * going away with this process, as the embedded ones do). `fresh`: the job was enqueued
   * by its create (see `PipelineJobData`).
   */
  async run(
    jobId: string,
    signal: AbortSignal,
    shutdown: AbortSignal,
    fresh = false,
  ): Promise<void> {
    if (shutdown.aborted) throw this.failures.handBack(jobId);
    const early = this.askEarly(jobId, fresh);
    let claim: ClaimOutcome;
    try {
      claim = await this.jobs.claim(jobId);
    } catch (error) {
      await early.drop();
      // No claim, no fence to count an unexpected error with: logged, and left to Bull.
      this.failures.logRunError(jobId, null, error);
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
      await this.failures.onRunError(fence, progress.step, error);
    }
  }

  /**
   * The first step's slot, asked for while a fresh job is claimed when its line had room a
   * moment ago: the job then makes no round trip to its line before its first call. A slot
   * the run does not use (the job was not runnable, or a run before this one got further)
   * is given back.
   */
  private askEarly(jobId: string, fresh: boolean): EarlySlot {
    const first = STEP_LIST[0];
    if (!fresh || !this.capacity.hasLine(first) || !this.capacity.likelyRoom(first))
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
            if (write !== 'written') return this.failures.stopped(jobId, write);
          }
          // Until here a throw is the finished step's (its output could not be carried on).
          progress.step = step.name;
          if (finished) this.logStepSucceeded(jobId, finished);
          // The finished step is checkpointed; the next one is only marked, never called.
          if (shutdown.aborted) throw this.failures.handBack(jobId);
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
            if (refused)
              return await this.failures.onRefused(fence, step, attemptNo, startedAt, refused);
            await this.failures.onStepError(fence, step, attemptNo, startedAt, error, shutdown);
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
    if (write !== 'written') return this.failures.stopped(jobId, write);
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
        this.failures.stopped(jobId, marking.value);
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
      this.failures.stopped(jobId, write);
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
}

/** Where a run is: the step it works on, once it has one. */
interface RunProgress {
  step: string | null;
}

function checkpoints(job: ClaimedJob): Partial<StepOutputs> {
  const outputs: Partial<Record<StepName, unknown>> = {};
  for (const step of job.steps) {
    if (step.status === StepStatus.Succeeded) outputs[step.step as StepName] = step.output;
  }
  return outputs;
}
