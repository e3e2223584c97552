import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Headers must arrive within this, or within the whole request's time if that is shorter. */
const HEADERS_TIMEOUT_MS = 10_000;
/**
 * How often Node looks for requests past their time (its default is 30 s, which would let
 * a slow client hold a connection that much longer than the timeout says).
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** What a client over its connection cap reads before the connection is closed. */
const TOO_MANY_CONNECTIONS = rawResponse(503, 'Service Unavailable', {
  detail: 'Too many open connections from this client address',
});

export interface ConnectionLimits {
  requestTimeoutMs: number;
  /** 0: no cap. */
  maxConnectionsPerClient: number;
}

/**
 * Bounds what a client can hold without sending a whole request: the time to send its
 * headers and body (Node answers 408 and closes), and how many connections one address
 * keeps open at once. Call before `listen`: Node starts its timeout checks then.
 */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, limits.requestTimeoutMs);
  // An option of createServer in @types/node, but Node reads the property when it listens.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    TIMEOUT_CHECK_INTERVAL_MS;
  if (limits.maxConnectionsPerClient > 0) capConnectionsPerClient(server, limits);
}

/**
 * Counts by the connection's own peer address: `Forwarded` and its kind arrive only after
 * the connection is open and are not trusted here, so behind a reverse proxy every client
 * shares the proxy's address and the cap has to be raised (or set to 0) there.
 */
function capConnectionsPerClient(server: Server, limits: ConnectionLimits): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= limits.maxConnectionsPerClient) {
      socket.write(TOO_MANY_CONNECTIONS, () => socket.destroy());
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** A whole HTTP/1.1 answer, written on a socket before Node's parser has seen a request. */
function rawResponse(status: number, reason: string, body: object): string {
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Connection: close',
    'Retry-After: 1',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(json)}`,
    '',
    json,
  ].join('\r\n');
}
