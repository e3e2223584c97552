import { connect, Socket } from 'node:net';

/**
 * A TCP connection to the server under test that writes exactly what it is told, when it
 * is told: for clients that send slowly, send half a request, or just hold a connection.
 */
export class RawConnection {
  received = '';
  /** Resolves when the server closes the connection (or it fails), with ms since opening. */
  readonly closed: Promise<number>;
  private readonly openedAt = Date.now();

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (this.received += chunk));
    this.closed = new Promise((resolve) => {
      socket.once('close', () => resolve(Date.now() - this.openedAt));
    });
    socket.on('error', () => undefined); // a reset by the server is a close like any other
  }

  static open(baseUrl: string): Promise<RawConnection> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(text: string): void {
    if (!this.socket.destroyed) this.socket.write(text);
  }

  /** `HTTP/1.1 401 Unauthorized` → 401; undefined while nothing was answered. */
  get status(): number | undefined {
    const match = /^HTTP\/1\.1 (\d{3})/.exec(this.received);
    return match ? Number(match[1]) : undefined;
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }

  /** Whether the server closed the connection within `ms`. */
  async closesWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
    const closed = await Promise.race([this.closed.then(() => true as const), timeout]);
    clearTimeout(timer);
    return closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The head of a request (through the blank line); the body, if any, is written after. */
export function requestHead(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
): string {
  const lines = Object.entries({ host: 'localhost', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
