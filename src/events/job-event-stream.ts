import type { ServerResponse } from 'node:http';
import type { JobEventRow } from './job-event-feed.repository';
import { type EventWatcher, STREAM_BATCH } from './job-event-hub';
import { isTerminalStatusEvent, sseComment, sseEvent, sseRetry } from './sse-format';

/** What a disconnected EventSource waits before reconnecting. */
const RECONNECT_HINT_MS = 3_000;
/**
 * A client this far behind in reading is dropped: it reconnects with Last-Event-ID and
 * loses nothing, and the server does not hold an ever larger buffer for it.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** The last frame of a stream that reached its lifetime. */
export const RECONNECT_COMMENT = 'stream lifetime reached; reconnect with Last-Event-ID to resume';

export interface StreamSettings {
  keepAliveMs: number;
  /** A stream ends after this long, however the job is doing; the client reconnects. */
  maxLifetimeMs: number;
}

export interface StreamDeps {
  watch(jobId: string, watcher: EventWatcher): () => void;
}

/**
 * One client's live view of a job: sends the job's events after `lastId` in id order, then
 * every new one the process's hub hands it, and ends after the terminal status event, or
 * after its lifetime with a comment that tells the client to reconnect (EventSource does so
 * by itself, with Last-Event-ID, and resumes where it was).
 */
export class JobEventStream implements EventWatcher {
  private closed = false;
  private lastWasTerminal = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unwatch?: () => void;

  constructor(
    private readonly deps: StreamDeps,
    private readonly settings: StreamSettings,
    readonly jobId: string,
    private last: string,
    private readonly res: ServerResponse,
    private readonly onClosed: (stream: JobEventStream) => void,
  ) {}

  get lastId(): string {
    return this.last;
  }

  /** Starts streaming on a response whose headers are written; `first` is an already-read batch. */
  start(first: JobEventRow[]): void {
    this.res.on('close', () => this.close());
    this.res.write(sseRetry(RECONNECT_HINT_MS));
    this.send(first);
    if (first.length < STREAM_BATCH && this.lastWasTerminal) {
      this.close();
      return;
    }
    const ping = setInterval(() => this.write(sseComment('ping')), this.settings.keepAliveMs);
    const lifetime = setTimeout(() => {
      this.write(sseComment(RECONNECT_COMMENT));
      this.close();
    }, this.settings.maxLifetimeMs);
    this.timers.push(ping, lifetime);
    for (const timer of this.timers) timer.unref();
    // The hub reads what was committed since `first` and hands over each new event.
    this.unwatch = this.deps.watch(this.jobId, this);
  }

  receive(rows: JobEventRow[]): void {
    if (this.closed) return;
    this.send(rows);
    if (this.lastWasTerminal || this.res.writableLength > MAX_BUFFERED_BYTES) this.close();
  }

  /** Ends the response and releases the watch and timers; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.unwatch?.();
    if (!this.res.writableEnded) this.res.end();
    this.onClosed(this);
  }

  private send(rows: JobEventRow[]): void {
    for (const row of rows) {
      this.write(sseEvent(row));
      this.last = row.id;
      this.lastWasTerminal = isTerminalStatusEvent(row);
    }
  }

  private write(chunk: string): void {
    if (!this.closed && !this.res.writableEnded) this.res.write(chunk);
  }
}
