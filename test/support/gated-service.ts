import { createServer, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A service on loopback that answers `body` to every POST, except while held: then calls
 * wait until `release()`. Keeps a job in one step for exactly as long as a test needs.
 */
export class GatedService {
  private server?: Server;
  private held = false;
  private readonly waiting: ServerResponse[] = [];
  url = '';

  constructor(
    private readonly path: string,
    private readonly body: unknown,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (this.held) this.waiting.push(res);
        else this.answer(res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.path}`;
  }

  hold(): void {
    this.held = true;
  }

  /** Answers the waiting calls and lets later ones through. */
  release(): void {
    this.held = false;
    for (const res of this.waiting.splice(0)) this.answer(res);
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private answer(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.body));
  }
}
