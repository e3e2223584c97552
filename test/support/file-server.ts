import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Route =
  | { kind: 'file'; status: number; type: string; body: Buffer }
  /** Takes the request and never answers it. */
  | { kind: 'hang' }
  /** Answers `status` with a `Location`, to send the client elsewhere. */
  | { kind: 'redirect'; status: number; location: string }
  /** `chunk` written `times` times without Content-Length (chunked), as fast as the client reads. */
  | { kind: 'chunked'; type: string; chunk: Buffer; times: number };

/** Serves fixed files on loopback, e.g. a reference track, with chosen status and content type. */
export class FileServer {
  private server?: Server;
  private readonly routes = new Map<string, Route>();
  private readonly sent = new Map<string, number>();
  baseUrl = '';

  serve(path: string, body: Buffer, type = 'audio/wav', status = 200): string {
    this.routes.set(path, { kind: 'file', status, type, body });
    return `${this.baseUrl}${path}`;
  }

  /** A URL whose server accepts the connection and never sends a response. */
  hang(path: string): string {
    this.routes.set(path, { kind: 'hang' });
    return `${this.baseUrl}${path}`;
  }

  /** A URL that redirects to `location` (302 unless told). */
  redirect(path: string, location: string, status = 302): string {
    this.routes.set(path, { kind: 'redirect', status, location });
    return `${this.baseUrl}${path}`;
  }

  /** The port it listens on (loopback). */
  get port(): number {
    return Number(new URL(this.baseUrl).port);
  }

  /**
   * Streams `chunk` `times` times (`Infinity`: until the client hangs up) with chunked
   * transfer encoding, so only a streaming size cap can stop it.
   */
  serveChunked(path: string, chunk: Buffer, times: number, type = 'audio/wav'): string {
    this.routes.set(path, { kind: 'chunked', type, chunk, times });
    return `${this.baseUrl}${path}`;
  }

  /** Body bytes written for `path` so far, over every request to it. */
  bytesSent(path: string): number {
    return this.sent.get(path) ?? 0;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '';
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such file');
      return;
    }
    if (route.kind === 'hang') return;
    if (route.kind === 'redirect') {
      res.writeHead(route.status, { location: route.location }).end();
      return;
    }
    if (route.kind === 'file') {
      this.count(path, route.body.length);
      res
        .writeHead(route.status, {
          'content-type': route.type,
          'content-length': route.body.length,
        })
        .end(route.body);
      return;
    }
    res.writeHead(200, { 'content-type': route.type });
    let written = 0;
    const pump = (): void => {
      while (written < route.times && !res.destroyed) {
        written += 1;
        this.count(path, route.chunk.length);
        if (!res.write(route.chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  private count(path: string, bytes: number): void {
    this.sent.set(path, this.bytesSent(path) + bytes);
  }
}

/** A loopback URL on a port nothing listens on (it was free a moment ago), for refused connections. */
export async function closedPortUrl(path = '/'): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}${path}`;
}
