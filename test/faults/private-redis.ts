import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { readFile } from 'node:fs/promises';
import { freePort } from '../support/orchestrator-process';

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** PEM files of a TLS-only server: it listens with `certFile`, which chains to `caFile`. */
export interface RedisTlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
}

/**
 * A redis-server of the test's own on a free loopback port, keeping nothing on disk like
 * the real one: a scenario may FLUSHALL it without touching the Redis other runs share.
 * With `tls` it speaks TLS only (a `rediss:` URL), as managed Redis services do.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private ca?: string;
  url = '';

  constructor(private readonly tls?: RedisTlsFiles) {}

  async start(): Promise<void> {
    const port = await freePort();
    const listen = this.tls
      ? [
          ...['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no'],
          ...['--tls-cert-file', this.tls.certFile, '--tls-key-file', this.tls.keyFile],
          ...['--tls-ca-cert-file', this.tls.caFile],
        ]
      : ['--port', String(port)];
    const child = spawn(
      'redis-server',
      [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    live.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        live.delete(child);
        resolve();
      }),
    );
    this.url = `${this.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}/0`;
    this.ca = this.tls ? await readFile(this.tls.caFile, 'utf8') : undefined;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (await this.command((redis) => redis.ping()).catch(() => undefined)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  }

  /** FLUSHALL, as an operator (or a Redis restart) would; returns how many keys were lost. */
  async flushAll(): Promise<number> {
    return this.command(async (redis) => {
      const keys = await redis.dbsize();
      await redis.flushall();
      return keys;
    });
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Runs one command as a client of its own (e.g. CLIENT LIST, INFO). */
  async command<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      ...(this.ca ? { tls: { ca: this.ca } } : {}),
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await work(redis);
    } finally {
      redis.disconnect();
    }
  }
}
