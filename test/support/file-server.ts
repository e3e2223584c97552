import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves fixed files on loopback, e.g. a reference track, with chosen status and content type. */
export class FileServer {
  private server?: Server;
  private readonly files = new Map<string, { status: number; type: string; body: Buffer }>();
  baseUrl = '';

  serve(path: string, body: Buffer, type = 'audio/wav', status = 200): string {
    this.files.set(path, { status, type, body });
    return `${this.baseUrl}${path}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const file = this.files.get(req.url ?? '');
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such file');
        return;
      }
      res
        .writeHead(file.status, { 'content-type': file.type, 'content-length': file.body.length })
        .end(file.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
