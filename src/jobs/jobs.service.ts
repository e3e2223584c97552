import { Injectable, Logger } from '@nestjs/common';
import { isJobId } from './job-id';
import { createHash, randomUUID } from 'node:crypto';
import { CreateRateLimiter } from '../auth/create-rate-limiter';
import { STEP_LIST_VERSION } from '../pipeline/steps';
import { LOCAL_PRINCIPAL } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { JobCancellation } from '../cancellation/job-cancellation.service';
import { JobDeletion } from '../retention/job-deletion.service';
import { PipelineProducer } from '../pipeline/pipeline.producer';
import { OutboundUrlGuard, refusalAsBadRequest } from '../outbound/outbound-url-guard';
import {
  fingerprintableUrl,
  hasUrlPassword,
  sealUrlPassword,
} from '../webhooks/webhook-credentials';
import type { CreateTrackDto } from './dto/create-track.dto';
import {
  IdempotencyConflictError,
  InvalidFieldError,
  JobNotFoundError,
  JobStateConflictError,
  RateLimitedError,
  BacklogFullError,
} from './jobs.errors';
import { JobPriority } from './job-priority';
import { ServiceCapacity } from '../pipeline/capacity/service-capacity';
import { JobEventsNotifier } from './job-events.notifier';
import { JobStatus } from './job-status';
import { decodeCursor, encodeCursor } from './job-list-cursor';
import type { JobListFilter } from './job-list.query';
import { JobRecord, JobsRepository, JobSummaryRecord } from './jobs.repository';
import { JobTransitions } from './state/job-transitions';
import { LIST_DEFAULT_LIMIT, ListJobsQueryDto } from './dto/list-jobs.dto';

/** The owner of jobs made in loopback-only mode, a name no API key can take. */
export const ANONYMOUS_OWNER = LOCAL_PRINCIPAL.name;
const NO_CREDENTIALS_KEY_MESSAGE =
  'webhook_url carries a password, and this server has no WEBHOOK_CREDENTIALS_KEY to store it encrypted; send a URL without one, or ask the operator to set the key';
const NO_WEBHOOK_SECRET_MESSAGE =
  'webhook_url cannot be used: this server has no WEBHOOK_SECRET configured, so no receiver could verify its deliveries';

/** The window an owner's recent throughput is read over, for the wait of a full backlog. */
const RECENT_THROUGHPUT_SECONDS = 600;

const RETRYABLE_STATUSES: readonly JobStatus[] = [JobStatus.Failure, JobStatus.Cancelled];

const DELETE_CONFLICT =
  'finished jobs (SUCCESS, FAILURE or CANCELLED) can be deleted; cancel it first, or wait for it to end';

function retryConflict(status: JobStatus): JobStateConflictError {
  return new JobStateConflictError(status, 'FAILURE or CANCELLED jobs can be retried');
}

export interface CreatedJob {
  jobId: string;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    private readonly jobs: JobsRepository,
    private readonly transitions: JobTransitions,
    private readonly producer: PipelineProducer,
    private readonly cancellation: JobCancellation,
    private readonly config: AppConfig,
    private readonly notifier: JobEventsNotifier,
    private readonly metrics: Metrics,
    private readonly rateLimiter: CreateRateLimiter,
    private readonly outboundUrls: OutboundUrlGuard,
    private readonly deletion: JobDeletion,
    private readonly capacity: ServiceCapacity,
  ) {}

  /**
   * Stores the job, then queues it. The row comes first: if the process dies before the
   * queue add, the reconciler finds the PENDING row and queues it.
   */
  async create(
    request: CreateTrackDto,
    idempotencyKey?: string,
    owner = ANONYMOUS_OWNER,
  ): Promise<CreatedJob> {
    const referenceTrackUrl = request.reference_track_url ?? null;
    const webhookUrl = request.webhook_url ?? null;
    const webhookEvents = request.webhook_events ? [...new Set(request.webhook_events)] : null;
    // Webhook fields join the fingerprint only when set, so older fingerprints still match.
    const fingerprinted: unknown[] = [request.prompt, referenceTrackUrl];
    const credentialsKey = this.config.webhookCredentialsKey;
    if (webhookUrl)
      fingerprinted.push(fingerprintableUrl(webhookUrl, credentialsKey), webhookEvents);
    const fingerprint = idempotencyKey
      ? createHash('sha256').update(JSON.stringify(fingerprinted)).digest('hex')
      : null;
    // A repeated request gets its job back before any check a new job must pass (rate
    // limit, address checks): the client is asking what became of its first request.
    if (idempotencyKey) {
      const replay = await this.replay(owner, idempotencyKey, fingerprint);
      if (replay) return replay;
    }
    // A delivery signed with a key nobody knows is worth nothing: refuse the promise.
    if (webhookUrl !== null && this.config.webhookKey === undefined)
      throw new InvalidFieldError('webhook_url', NO_WEBHOOK_SECRET_MESSAGE);
    // A password is stored only encrypted; without a key to do so it is not stored at all.
    if (webhookUrl !== null && credentialsKey === undefined && hasUrlPassword(webhookUrl))
      throw new InvalidFieldError('webhook_url', NO_CREDENTIALS_KEY_MESSAGE);
    const rate = await this.rateLimiter.check(owner);
    if (!rate.allowed) throw new RateLimitedError(rate.retryAfterSeconds);
    // Refused before anything is stored: the server must not be pointed at internal hosts.
    const outbound = { reference_track_url: referenceTrackUrl, webhook_url: webhookUrl };
    await Promise.all(
      Object.entries(outbound)
        .filter((entry): entry is [string, string] => entry[1] !== null)
        .map(([field, url]) =>
          this.outboundUrls.assertAllowed(url, field).catch(refusalAsBadRequest),
        ),
    );
    const jobId = randomUUID();
    const outcome = await this.transitions.createJob({
      id: jobId,
      prompt: request.prompt,
      referenceTrackUrl,
      owner,
      idempotencyKey: idempotencyKey ?? null,
      requestFingerprint: fingerprint,
      deadlineMs: this.config.jobDeadlineMs,
      webhookUrl:
        webhookUrl !== null && credentialsKey
          ? sealUrlPassword(webhookUrl, credentialsKey)
          : webhookUrl,
      webhookEvents,
      stepListVersion: STEP_LIST_VERSION,
      priority: request.priority ?? JobPriority.Normal,
      maxBacklog: this.config.maxBacklogPerOwner,
    });
    if (outcome === 'backlog full') {
      const backlog = this.config.maxBacklogPerOwner;
      throw new BacklogFullError(backlog, await this.backlogWaitSeconds(owner, backlog));
    }
    if (outcome === 'duplicate' && idempotencyKey) {
      // A concurrent request with the same key inserted first.
      const replay = await this.replay(owner, idempotencyKey, fingerprint);
      if (!replay) throw new Error('Idempotency-Key conflict without a stored job');
      return replay;
    }
    this.metrics.jobsCreated.inc();
    this.logger.log({ job_id: jobId, owner, status: JobStatus.Pending, msg: 'Job created' });
    await this.producer.enqueue(jobId, { fresh: true });
    return { jobId, replayed: false };
  }

  /**
   * About how long an owner's backlog takes to clear: at the rate its jobs finished over
   * the last RECENT_THROUGHPUT_SECONDS, or at the busiest service line's limit and call
   * time, whichever is longer (the embedded services have no line). Asked only on a 429.
   */
  private async backlogWaitSeconds(owner: string, backlog: number): Promise<number> {
    const [finished, byLines] = await Promise.all([
      this.jobs.finishedRecently(owner, RECENT_THROUGHPUT_SECONDS),
      this.capacity.estimatedWaitSeconds(backlog).catch(() => 0),
    ]);
    const byRate = finished > 0 ? Math.round((backlog * RECENT_THROUGHPUT_SECONDS) / finished) : 0;
    return Math.max(byRate, byLines);
  }

  /** The job an earlier request with this key created; 422 when its body was another. */
  private async replay(
    owner: string,
    idempotencyKey: string,
    fingerprint: string | null,
  ): Promise<CreatedJob | undefined> {
    const existing = await this.jobs.findByIdempotencyKey(owner, idempotencyKey);
    if (!existing) return undefined;
    if (existing.request_fingerprint !== fingerprint)
      throw new IdempotencyConflictError(existing.id);
    return { jobId: existing.id, replayed: true };
  }

  async get(jobId: string, owner?: string): Promise<JobRecord> {
    const job = isJobId(jobId) ? await this.jobs.findJob(jobId, owner) : undefined;
    if (!job) throw new JobNotFoundError();
    await this.withStandings([job]);
    return job;
  }

  /**
   * Fills `queue` of the jobs waiting in a service's line, from the line itself. Redis is
   * asked for a second at most: without an answer, `queue` stays null.
   */
  private async withStandings(jobs: JobSummaryRecord[]): Promise<void> {
    const waiting = jobs.filter(
      (job) => job.queued_at !== null && job.status === JobStatus.Processing && job.current_step,
    );
    await Promise.all(
      waiting.map(async (job) => {
        const step = job.current_step as string;
        const standing = await withinSecond(this.capacity.standing(step, job.id));
        job.queue = standing
          ? { step, position: standing.position, eta_seconds: standing.etaSeconds }
          : null;
      }),
    );
  }

  /** A page of jobs, newest first, and the cursor of the next page (null on the last). */
  async list(
    query: ListJobsQueryDto,
    owner?: string,
  ): Promise<{ jobs: JobSummaryRecord[]; nextCursor: string | null }> {
    const filter: JobListFilter = {
      owner,
      statuses: query.status ? [...new Set(query.status)] : undefined,
      createdAfter: query.created_after,
      createdBefore: query.created_before,
      text: query.q?.trim(),
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit ?? LIST_DEFAULT_LIMIT,
    };
    if (
      filter.createdAfter &&
      filter.createdBefore &&
      Date.parse(filter.createdAfter) >= Date.parse(filter.createdBefore)
    )
      throw new InvalidFieldError('created_before', 'created_before must be after created_after');
    const page = await this.jobs.listJobs(filter);
    await this.withStandings(page.jobs);
    return { jobs: page.jobs, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  /** Cancels a PENDING or PROCESSING job (see `JobCancellation`) and shows it as it is now. */
  async cancel(jobId: string, owner?: string): Promise<JobRecord> {
    if (!isJobId(jobId) || !(await this.cancellation.cancel(jobId, owner)))
      throw new JobNotFoundError();
    return this.get(jobId, owner);
  }

  /**
   * Runs a FAILURE or CANCELLED job again from its first unfinished step. A retry runs the
   * pipeline like a create does, so it spends a slot of the caller's create budget; a
   * retry that would not run (unknown job, wrong state) is answered without spending one.
   */
  async retry(jobId: string, caller: string, owner?: string): Promise<JobRecord> {
    const job = await this.get(jobId, owner);
    if (!RETRYABLE_STATUSES.includes(job.status)) throw retryConflict(job.status);
    const rate = await this.rateLimiter.check(caller);
    if (!rate.allowed) throw new RateLimitedError(rate.retryAfterSeconds);
    const reopened = await this.transitions.reopen(jobId, this.config.jobDeadlineMs, owner);
    if (!reopened) throw new JobNotFoundError();
    if (!reopened.reopened) throw retryConflict(reopened.status);
    this.logger.log({
      job_id: jobId,
      status: JobStatus.Pending,
      msg: 'Job queued again (retry)',
    });
    await this.producer.enqueue(jobId);
    return this.get(jobId, owner);
  }

  /**
   * Deletes a finished job with its steps, events, webhook deliveries and files (see
   * `JobDeletion`). Unlike the other routes, a malformed id is a 400: a client that sends
   * one has a bug, and a 404 would read as "already deleted".
   */
  async delete(jobId: string, owner?: string): Promise<void> {
    if (!isJobId(jobId)) throw new InvalidFieldError('job_id', 'job_id must be a UUID');
    const outcome = await this.deletion.deleteFinished(jobId, owner);
    switch (outcome.kind) {
      case 'not-found':
        throw new JobNotFoundError();
      case 'unfinished':
        throw new JobStateConflictError(outcome.status, DELETE_CONFLICT);
      case 'files-kept':
        // Logged per file by the remover; the rows are kept so the files stay findable.
        throw new Error(`Job ${jobId} kept: an artifact could not be deleted`);
      case 'deleted':
        this.logger.log({ job_id: jobId, owner, files: outcome.files, msg: 'Job deleted' });
    }
  }
}

/** The value, or null when it takes more than a second or fails. */
async function withinSecond<T>(promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), 1_000);
  });
  try {
    return await Promise.race([promise.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
