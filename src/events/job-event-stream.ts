import type { ServerResponse } from 'node:http';
import type { JobEventFeedRepository, JobEventRow } from './job-event-feed.repository';
import { isTerminalStatusEvent, sseComment, sseEvent, sseRetry } from './sse-format';

/** Events read per query while catching up. */
export const STREAM_BATCH = 500;
/** What a disconnected EventSource waits before reconnecting. */
const RECONNECT_HINT_MS = 3_000;

export interface StreamSettings {
  pollIntervalMs: number;
  keepAliveMs: number;
}

export interface StreamDeps {
  feed: JobEventFeedRepository;
  subscribe(jobId: string, listener: () => void): () => void;
  onError(error: unknown): void;
}

/**
 * One client's live view of a job: sends the job's events after `lastId` in id order, then
 * every new one, and ends after the terminal status event. New events are read on each
 * change notification and on a poll, so a lost notification only delays an event. All
 * reads run one at a time and resume from the last id sent: nothing is sent twice.
 */
export class JobEventStream {
  private closed = false;
  private pumping = false;
  private pumpAgain = false;
  private lastWasTerminal = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly deps: StreamDeps,
    private readonly settings: StreamSettings,
    readonly jobId: string,
    private lastId: string,
    private readonly res: ServerResponse,
    private readonly onClosed: (stream: JobEventStream) => void,
  ) {}

  /** Starts streaming on a response whose headers are written; `first` is an already-read batch. */
  start(first: JobEventRow[]): void {
    this.res.on('close', () => this.close());
    this.res.write(sseRetry(RECONNECT_HINT_MS));
    this.unsubscribe = this.deps.subscribe(this.jobId, () => this.pump());
    this.timers.push(
      setInterval(() => this.pump(), this.settings.pollIntervalMs),
      setInterval(() => this.write(sseComment('ping')), this.settings.keepAliveMs),
    );
    for (const timer of this.timers) timer.unref();
    this.send(first);
    if (first.length < STREAM_BATCH && this.lastWasTerminal) this.close();
    // Anything committed between the first read and the subscription is picked up here.
    else this.pump();
  }

  /** Ends the response and releases the subscription and timers; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.unsubscribe?.();
    if (!this.res.writableEnded) this.res.end();
    this.onClosed(this);
  }

  private pump(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    this.catchUp()
      .catch((error: unknown) => {
        this.deps.onError(error);
        this.close(); // the client reconnects with Last-Event-ID and loses nothing
      })
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.pump();
        }
      });
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const rows = await this.deps.feed.eventsAfter(this.jobId, this.lastId, STREAM_BATCH);
      if (this.closed) return;
      this.send(rows);
      if (rows.length < STREAM_BATCH) {
        if (this.lastWasTerminal) this.close();
        return;
      }
      if (this.res.writableNeedDrain) await this.drained();
    }
  }

  private send(rows: JobEventRow[]): void {
    for (const row of rows) {
      this.write(sseEvent(row));
      this.lastId = row.id;
      this.lastWasTerminal = isTerminalStatusEvent(row);
    }
  }

  private write(chunk: string): void {
    if (!this.closed && !this.res.writableEnded) this.res.write(chunk);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }
}
