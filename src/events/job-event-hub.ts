import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobEventsNotifier } from '../jobs/job-events.notifier';
import { JobEventFeedRepository, JobEventRow } from './job-event-feed.repository';

/** Events read per query, per job. */
export const STREAM_BATCH = 500;
/** A failing database is reported once per this interval, not once per read. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/** One stream's place in a job's events: the hub hands it each later event once, in order. */
export interface EventWatcher {
  /** The id of the last event this watcher has; the hub reads only what comes after. */
  readonly lastId: string;
  /** Events after `lastId`, oldest first; the watcher moves `lastId` to the last of them. */
  receive(rows: JobEventRow[]): void;
}

interface WatchedJob {
  watchers: Set<EventWatcher>;
  reading: boolean;
  readAgain: boolean;
}

/**
 * Every stream of this process gets its events through here, so the database sees one
 * reader however many clients listen: a change notification (Redis) for a watched job
 * reads that job's new events once for all its streams, and one poll every
 * `SSE_POLL_INTERVAL_MS` reads the new events of every watched job in one query, in case
 * a notification was lost. Reads of one job run one at a time; a watcher gets a batch only
 * if the batch starts at or before its own place, so nothing is skipped or sent twice.
 */
@Injectable()
export class JobEventHub implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobEventHub.name);
  private readonly jobs = new Map<string, WatchedJob>();
  private unsubscribe?: () => void;
  private pollTimer?: NodeJS.Timeout;
  private polling = false;
  private lastErrorLogAt = 0;

  constructor(
    private readonly feed: JobEventFeedRepository,
    private readonly notifier: JobEventsNotifier,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.pollTimer = setInterval(() => void this.poll(), this.config.ssePollIntervalMs);
    this.pollTimer.unref();
  }

  /**
   * Subscribes at boot in processes that serve the API: a subscription opened by the first
   * client would miss what is published before Redis confirms it, and that client would
   * wait for the next poll.
   */
  onApplicationBootstrap(): void {
    if (this.config.runsApi) this.listen();
  }

  onModuleDestroy(): void {
    clearInterval(this.pollTimer);
    this.unsubscribe?.();
    this.jobs.clear();
  }

  /** How many jobs this process is watching (for tests and metrics). */
  get watchedJobs(): number {
    return this.jobs.size;
  }

  /**
   * Hands `watcher` the events of `jobId` after its `lastId` as they are committed,
   * starting with a read of what it may have missed. Returns the unwatch.
   */
  watch(jobId: string, watcher: EventWatcher): () => void {
    this.listen();
    let job = this.jobs.get(jobId);
    if (!job) {
      job = { watchers: new Set(), reading: false, readAgain: false };
      this.jobs.set(jobId, job);
    }
    job.watchers.add(watcher);
    this.read(jobId);
    const watched = job;
    return () => {
      watched.watchers.delete(watcher);
      if (watched.watchers.size === 0 && this.jobs.get(jobId) === watched) this.jobs.delete(jobId);
    };
  }

  private listen(): void {
    // Streams key jobs by the lowercase id; a publisher may pass the id as a client typed it.
    this.unsubscribe ??= this.notifier.onChange((changed) => this.read(changed.toLowerCase()));
  }

  /** Reads one job's new events for all its watchers; a read asked for during one follows it. */
  private read(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    if (job.reading) {
      job.readAgain = true;
      return;
    }
    job.reading = true;
    const after = earliest(job.watchers);
    this.feed
      .eventsAfter(jobId, after, STREAM_BATCH)
      .then((rows) => {
        if (this.deliver(job, after, rows) || rows.length === STREAM_BATCH) job.readAgain = true;
      })
      .catch((error: unknown) => this.reportError(error)) // the next poll tries again
      .finally(() => {
        job.reading = false;
        if (job.readAgain && this.jobs.get(jobId) === job) {
          job.readAgain = false;
          this.read(jobId);
        }
      });
  }

  /** One query for every watched job's new events. */
  private async poll(): Promise<void> {
    if (this.polling || this.jobs.size === 0) return;
    this.polling = true;
    try {
      const afterIds = new Map<string, string>();
      for (const [jobId, job] of this.jobs) afterIds.set(jobId, earliest(job.watchers));
      const rows = await this.feed.eventsAfterEach(afterIds, STREAM_BATCH);
      const byJob = new Map<string, JobEventRow[]>();
      for (const row of rows) {
        const list = byJob.get(row.job_id) ?? [];
        list.push(row);
        byJob.set(row.job_id, list);
      }
      for (const [jobId, jobRows] of byJob) {
        const job = this.jobs.get(jobId);
        if (!job) continue;
        if (job.reading) {
          job.readAgain = true; // its own read is under way: one more after it
          continue;
        }
        const after = afterIds.get(jobId) ?? '0';
        if (this.deliver(job, after, jobRows) || jobRows.length === STREAM_BATCH) this.read(jobId);
      }
    } catch (error) {
      this.reportError(error);
    } finally {
      this.polling = false;
    }
  }

  /**
   * Hands each watcher the rows after its place, if the rows start at or before it. Returns
   * true when a watcher was left out (it joined behind the read) and needs a read of its own.
   */
  private deliver(job: WatchedJob, after: string, rows: JobEventRow[]): boolean {
    let behind = false;
    for (const watcher of [...job.watchers]) {
      if (!job.watchers.has(watcher)) continue; // closed by an earlier watcher's delivery
      const from = BigInt(watcher.lastId);
      if (from < BigInt(after)) {
        behind = true;
        continue;
      }
      const fresh = rows.filter((row) => BigInt(row.id) > from);
      if (fresh.length > 0) watcher.receive(fresh);
    }
    return behind;
  }

  private reportError(error: unknown): void {
    if (Date.now() - this.lastErrorLogAt < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLogAt = Date.now();
    this.logger.warn({
      msg: 'Reading job events for streams failed; retrying',
      err: String(error),
    });
  }
}

/** The earliest place among the watchers: one read after it serves them all. */
function earliest(watchers: Iterable<EventWatcher>): string {
  let min: bigint | undefined;
  for (const watcher of watchers) {
    const id = BigInt(watcher.lastId);
    if (min === undefined || id < min) min = id;
  }
  return String(min ?? 0n);
}
