import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: { job_id: string; status?: string; step?: string; [key: string]: unknown };
}

/** What the receiver does with the n-th attempt (from 1) of one webhook-id at a path. */
export type Behaviour = (
  attempt: number,
) => { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/**
 * A webhook receiver on loopback: records every request as received, answers per path,
 * and can hold requests unanswered (a hanging receiver) until `releaseHeld()`.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly held: ServerResponse[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const entry = { path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(entry);
        const id = req.headers['webhook-id'];
        const attempt = this.received.filter(
          (r) => r.path === path && r.headers['webhook-id'] === id,
        ).length;
        const behaviour = this.behaviours.get(path)?.(attempt) ?? { status: 204 };
        if (behaviour === 'hang') this.held.push(res);
        else res.writeHead(behaviour.status, behaviour.headers).end(behaviour.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  on(path: string, behaviour: Behaviour): string {
    this.behaviours.set(path, behaviour);
    return `${this.url}${path}`;
  }

  /** Answers every held request with 200 and stops holding. */
  releaseHeld(): void {
    this.behaviours.clear();
    for (const res of this.held.splice(0)) res.writeHead(200).end();
  }

  forJob(jobId: string): (Received & { parsed: WebhookBody })[] {
    return this.received
      .filter((r) => r.headers['webhook-id'] !== undefined)
      .map((r) => ({ ...r, parsed: JSON.parse(r.body) as WebhookBody }))
      .filter((r) => r.parsed.data.job_id === jobId);
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
