import bullScripts from 'bull/lib/scripts/index';
import { createHash } from 'node:crypto';
import { createServer, connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * TCP proxies that count what a client sends: SQL statements on the PostgreSQL wire
 * protocol (every simple Query and every extended-protocol Execute, keyed by its text),
 * and Redis commands (keyed by name; EVALSHA by the Bull script it runs). They work with
 * any server configuration (pg_stat_statements needs shared_preload_libraries) and count
 * one process's traffic only, even on a shared server.
 */

export interface CountSnapshot {
  total: number;
  by: Record<string, number>;
}

export interface WireCounter {
  port: number;
  snapshot(): CountSnapshot;
  reset(): void;
  close(): Promise<void>;
}

type Count = (key: string) => void;
/** Feeds one connection's client-to-server bytes; one parser per connection. */
type Parser = (chunk: Buffer, count: Count) => void;

async function startProxy(
  target: { host: string; port: number },
  newParser: () => Parser,
): Promise<WireCounter> {
  let by = new Map<string, number>();
  let total = 0;
  const count: Count = (key) => {
    total++;
    by.set(key, (by.get(key) ?? 0) + 1);
  };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const parse = newParser();
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (chunk: Buffer) => {
      parse(chunk, count);
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.end());
    upstream.on('close', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    snapshot: () => ({ total, by: Object.fromEntries(by) }),
    reset: () => {
      total = 0;
      by = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Collapses whitespace and cuts long SQL so statements group by their text. */
function sqlKey(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

const cstring = (buf: Buffer, at: number): [string, number] => {
  const end = buf.indexOf(0, at);
  return [buf.toString('utf8', at, end), end + 1];
};

/** PostgreSQL frontend protocol: startup packets first (untyped), then typed messages. */
function pgParser(): Parser {
  let pending: Buffer = Buffer.alloc(0);
  let startup = true;
  const statements = new Map<string, string>();
  const portals = new Map<string, string>();
  return (chunk, count) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (startup) {
        if (pending.length - at < 8) break;
        const len = pending.readInt32BE(at);
        if (pending.length - at < len) break;
        const code = pending.readInt32BE(at + 4);
        at += len;
        // SSLRequest / GSSENCRequest are followed by another startup packet.
        if (code !== 80877103 && code !== 80877104) startup = false;
        continue;
      }
      if (pending.length - at < 5) break;
      const type = String.fromCharCode(pending[at]);
      const len = pending.readInt32BE(at + 1);
      if (pending.length - at < 1 + len) break;
      const body = at + 5;
      if (type === 'Q') count(sqlKey(cstring(pending, body)[0]));
      else if (type === 'P') {
        const [name, next] = cstring(pending, body);
        statements.set(name, cstring(pending, next)[0]);
      } else if (type === 'B') {
        const [portal, next] = cstring(pending, body);
        portals.set(portal, cstring(pending, next)[0]);
      } else if (type === 'E') {
        const portal = cstring(pending, body)[0];
        count(sqlKey(statements.get(portals.get(portal) ?? '') ?? '(unknown statement)'));
      }
      at += 1 + len;
    }
    pending = at >= pending.length ? Buffer.alloc(0) : pending.subarray(at);
  };
}

const SCRIPT_NAMES = new Map(
  Object.values(bullScripts).map((s) => [
    createHash('sha1').update(s.content).digest('hex'),
    s.name,
  ]),
);

function redisKey(args: string[]): string {
  const name = (args[0] ?? '').toUpperCase();
  if (name === 'EVALSHA') return `EVALSHA ${SCRIPT_NAMES.get(args[1]) ?? args[1]?.slice(0, 8)}`;
  if (name === 'EVAL') {
    const sha = createHash('sha1')
      .update(args[1] ?? '')
      .digest('hex');
    return `EVAL ${SCRIPT_NAMES.get(sha) ?? 'script'}`;
  }
  return name;
}

/** RESP: each command is an array of bulk strings; only the first two are kept. */
function redisParser(): Parser {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk, count) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      const parsed = parseCommand(pending, at);
      if (!parsed) break;
      count(redisKey(parsed.args));
      at = parsed.end;
    }
    pending = at >= pending.length ? Buffer.alloc(0) : pending.subarray(at);
  };
}

function parseCommand(buf: Buffer, start: number): { args: string[]; end: number } | undefined {
  const line = (at: number): [string, number] | undefined => {
    const end = buf.indexOf('\r\n', at);
    return end < 0 ? undefined : [buf.toString('latin1', at, end), end + 2];
  };
  if (start >= buf.length) return undefined;
  const head = line(start);
  if (!head) return undefined;
  if (buf[start] !== 0x2a) return { args: head[0].split(' '), end: head[1] }; // inline command
  const n = Number(head[0].slice(1));
  let at = head[1];
  const args: string[] = [];
  for (let k = 0; k < n; k++) {
    const size = line(at);
    if (!size) return undefined;
    const len = Number(size[0].slice(1));
    if (size[1] + len + 2 > buf.length) return undefined;
    if (k < 2) args.push(buf.toString(k === 0 ? 'latin1' : 'utf8', size[1], size[1] + len));
    at = size[1] + len + 2;
  }
  return { args, end: at };
}

export const startPgCounter = (target: { host: string; port: number }) =>
  startProxy(target, pgParser);
export const startRedisCounter = (target: { host: string; port: number }) =>
  startProxy(target, redisParser);
