import type { Logger } from '@nestjs/common';
import { TransientServiceError } from '../../clients/service-errors';
import type { JobPriority } from '../../jobs/job-priority';
import type { Step } from '../steps';
import type { CallOutcome, ServiceCapacity, Ticket } from './service-capacity';

/** How soon a step refused by its service's capacity asks again, without a Retry-After. */
const REFUSED_RETRY_MS = 1_000;

/** A slot of a service held by a run's call: given back once, however the call ends. */
export class Slot {
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
export class EarlySlot {
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
export interface Refusal {
  error: TransientServiceError;
  retryInMs: number;
}
