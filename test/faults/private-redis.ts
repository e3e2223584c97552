import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../support/orchestrator-process';

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * A redis-server of the test's own on a free loopback port, keeping nothing on disk like
 * the real one: a scenario may FLUSHALL it without touching the Redis other runs share.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  url = '';

  async start(): Promise<void> {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
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
    this.url = `redis://127.0.0.1:${port}/0`;
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

  private async command<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
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
