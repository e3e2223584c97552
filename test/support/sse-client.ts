import { IncomingMessage, request } from 'node:http';

/** One parsed SSE frame: an event (id, event, data) or a comment line. */
export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

export interface EventMessage {
  id: number;
  job_id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

/**
 * A minimal EventSource over node:http that keeps every frame, so a test can wait for a
 * frame and know whether the server ended the stream.
 */
export class SseClient {
  readonly frames: Frame[] = [];
  status = 0;
  headers: IncomingMessage['headers'] = {};
  ended = false;
  private readonly waiters = new Set<() => void>();
  private buffer = '';
  private readonly req;
  readonly opened: Promise<void>;

  /** `localAddress`: the loopback address to connect from (127.0.0.2 is another client). */
  constructor(url: string, headers: Record<string, string> = {}, localAddress?: string) {
    this.req = request(url, {
      headers: { accept: 'text/event-stream', ...headers },
      ...(localAddress ? { localAddress } : {}),
    });
    this.opened = new Promise((resolve, reject) => {
      this.req.on('error', (error) => {
        this.ended = true;
        this.notify();
        reject(error);
      });
      this.req.on('response', (res) => {
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.parse(chunk));
        res.on('end', () => {
          this.ended = true;
          this.notify();
        });
        res.on('close', () => {
          this.ended = true;
          this.notify();
        });
        resolve();
      });
    });
    this.req.end();
  }

  /** Event frames only, their data parsed. */
  get events(): EventMessage[] {
    return this.frames
      .filter((f) => f.data !== undefined)
      .map((f) => JSON.parse(f.data!) as EventMessage);
  }

  get comments(): string[] {
    return this.frames.flatMap((f) => (f.comment === undefined ? [] : [f.comment]));
  }

  /** Resolves once `condition` holds; fails after `timeoutMs` with what was received. */
  async until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  untilEnded(timeoutMs?: number): Promise<void> {
    return this.until(() => this.ended, 'the server to end the stream', timeoutMs);
  }

  close(): void {
    this.req.destroy();
  }

  private parse(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const frame: Frame = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else if (line.startsWith('id: ')) frame.id = line.slice(4);
        else if (line.startsWith('event: ')) frame.event = line.slice(7);
        else if (line.startsWith('data: ')) frame.data = line.slice(6);
        else if (line.startsWith('retry: ')) frame.retry = Number(line.slice(7));
      }
      this.frames.push(frame);
    }
    this.notify();
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }
}
