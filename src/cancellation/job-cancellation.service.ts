import { Injectable, Logger } from '@nestjs/common';
import { JobStatus } from '../jobs/job-status';
import { JobStateConflictError } from '../jobs/jobs.errors';
import { JobTransitions } from '../jobs/state/job-transitions';
import { ServiceCapacity } from '../pipeline/capacity/service-capacity';
import { PipelineProducer } from '../pipeline/pipeline.producer';
import { CancelSignals } from './cancel-signals';

/**
 * A user's cancel, from the API side. The flag in PostgreSQL is the cancel: every claim and
 * every write of a run obeys it (see `src/jobs/state`). A waiting job ends CANCELLED at once
 * (a PENDING one without asking Redis at all); a running one is signalled, and its worker
 * aborts the in-flight call and ends it CANCELLED (`CancelWatch`). Redis is asked for about
 * a second at most: while it is away, the worker finds the flag in its once-a-second check,
 * or the next claim of the job ends it.
 */
@Injectable()
export class JobCancellation {
  private readonly logger = new Logger(JobCancellation.name);

  constructor(
    private readonly transitions: JobTransitions,
    private readonly producer: PipelineProducer,
    private readonly signals: CancelSignals,
    private readonly capacity: ServiceCapacity,
  ) {}

  /** False when there is no such job (of this owner); 409 when it is already finished. */
  async cancel(jobId: string, owner?: string): Promise<boolean> {
    const flagged = await this.transitions.requestCancel(jobId, owner);
    if (!flagged) return false;
    if (!flagged.flagged)
      throw new JobStateConflictError(
        flagged.status,
        'PENDING or PROCESSING jobs can be cancelled',
      );
    if (flagged.status === JobStatus.Pending) {
      // No run holds a PENDING job, and none can start now that the flag is set.
      await this.finish(jobId);
      await this.producer.removeIfIdle(jobId);
    } else {
      // PROCESSING: between attempts (delayed, handed back, or waiting in a service's line
      // with no Bull job) or running somewhere.
      const state = await this.producer.state(jobId);
      const idle =
        state === 'absent' ||
        ((state === 'waiting' || state === 'delayed' || state === 'paused') &&
          (await this.producer.removeIfIdle(jobId)));
      if (idle) {
        await this.finish(jobId);
        await this.leaveLines(jobId);
      }
      await this.signals.publish(jobId);
    }
    return true;
  }

  /** A cancelled job's place in a service line goes to the next one; best effort. */
  private async leaveLines(jobId: string): Promise<void> {
    await this.capacity.leave(jobId).catch((error: unknown) =>
      this.logger.warn({
        job_id: jobId,
        msg: 'Service line not told of the cancel; the lease expires by itself',
        err: String(error),
      }),
    );
  }

  private async finish(jobId: string): Promise<void> {
    if (await this.transitions.markCancelled(jobId, null, null))
      this.logger.log({ job_id: jobId, status: JobStatus.Cancelled, msg: 'Job cancelled' });
  }
}
