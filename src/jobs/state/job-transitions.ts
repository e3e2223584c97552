import { Injectable } from '@nestjs/common';
import { PreparedSql } from '../../database/prepared-sql';
import { JobChangeAnnouncer } from './job-change-announcer';
import { advance } from './advance';
import { claim } from './claim';
import { createJob } from './create-job';
import { fail } from './fail';
import { failOverdue } from './fail-overdue';
import { heartbeat } from './heartbeat';
import { markCancelled } from './mark-cancelled';
import { queueStep } from './queue-step';
import { recordInterrupted } from './record-interrupted';
import { recordQuality } from './record-quality';
import { recordRetry } from './record-retry';
import { recordUnexpectedError } from './record-unexpected-error';
import { reopen } from './reopen';
import { requestCancel } from './request-cancel';
import { succeed } from './succeed';
import type { TransitionContext } from './transition-context';

type Bound<F> = F extends (ctx: TransitionContext, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/**
 * The job state machine as the rest of the service calls it: each method is one transition
 * (one module of this folder, whose header says what it allows), run on the app's pool and
 * announced to live views and metrics by the transition itself.
 */
@Injectable()
export class JobTransitions {
  readonly createJob: Bound<typeof createJob>;
  readonly claim: Bound<typeof claim>;
  readonly advance: Bound<typeof advance>;
  readonly queueStep: Bound<typeof queueStep>;
  readonly succeed: Bound<typeof succeed>;
  readonly recordRetry: Bound<typeof recordRetry>;
  readonly recordInterrupted: Bound<typeof recordInterrupted>;
  readonly recordUnexpectedError: Bound<typeof recordUnexpectedError>;
  readonly fail: Bound<typeof fail>;
  readonly requestCancel: Bound<typeof requestCancel>;
  readonly markCancelled: Bound<typeof markCancelled>;
  readonly reopen: Bound<typeof reopen>;
  readonly failOverdue: Bound<typeof failOverdue>;
  readonly heartbeat: Bound<typeof heartbeat>;
  readonly recordQuality: Bound<typeof recordQuality>;

  constructor(sql: PreparedSql, announce: JobChangeAnnouncer) {
    const ctx: TransitionContext = { sql, announce };
    this.createJob = (job) => createJob(ctx, job);
    this.claim = (jobId) => claim(ctx, jobId);
    this.advance = (fence, finish, start) => advance(ctx, fence, finish, start);
    this.queueStep = (fence, finish, start, position) =>
      queueStep(ctx, fence, finish, start, position);
    this.succeed = (fence, finish, result) => succeed(ctx, fence, finish, result);
    this.recordRetry = (fence, step, attempt, retryInMs) =>
      recordRetry(ctx, fence, step, attempt, retryInMs);
    this.recordInterrupted = (fence, step, attempt) => recordInterrupted(ctx, fence, step, attempt);
    this.recordUnexpectedError = (fence) => recordUnexpectedError(ctx, fence);
    this.fail = (fence, step, error, attempt) => fail(ctx, fence, step, error, attempt);
    this.requestCancel = (jobId, owner) => requestCancel(ctx, jobId, owner);
    this.markCancelled = (jobId, step, attempt) => markCancelled(ctx, jobId, step, attempt);
    this.reopen = (jobId, deadlineMs, owner) => reopen(ctx, jobId, deadlineMs, owner);
    this.failOverdue = () => failOverdue(ctx);
    this.heartbeat = (fence) => heartbeat(ctx, fence);
    this.recordQuality = (fence, report) => recordQuality(ctx, fence, report);
  }
}
