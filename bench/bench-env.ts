import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { onCleanup } from './cleanup';

export const PG_ADMIN_URL =
  process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
/** The harness's own connections carry this name, so their backends are not counted as the app's. */
export const BENCH_APP_NAME = 'orch-bench';

/**
 * The benchmark's private world: its own PostgreSQL database and its own queue prefix in
 * Redis, both removed at the end (also after an error or SIGINT).
 */
export class BenchEnv {
  readonly name = `orch_bench_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
  readonly databaseUrl: string;
  readonly artifactsDir = mkdtempSync(join(tmpdir(), 'orch-bench-'));
  readonly redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  private pool?: Pool;
  /** Statements the harness itself sent, to subtract from database-wide counters. */
  ownQueries = 0;

  constructor() {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${this.name}`;
    this.databaseUrl = url.toString();
  }

  get queuePrefix(): string {
    return this.name;
  }

  async setUp(): Promise<void> {
    await this.redis.connect();
    onCleanup('redis client', () => this.redis.quit());
    onCleanup('artifacts dir', () => rmSync(this.artifactsDir, { recursive: true, force: true }));
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${this.name}`));
    onCleanup(`drop database ${this.name}`, () => this.dropDatabase());
    onCleanup(`redis keys ${this.name}:*`, () => this.deleteKeys(`${this.name}:*`));
    this.pool = new Pool({
      connectionString: this.databaseUrl,
      max: 4,
      application_name: BENCH_APP_NAME,
      // The harness's own polls never scan `jobs` sequentially, so every sequential scan
      // pg_stat_user_tables counts during a phase is the orchestrator's.
      options: '-c enable_seqscan=off',
    });
  }

  private async dropDatabase(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
    this.pool = undefined;
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pool) throw new Error('BenchEnv is not set up');
    this.ownQueries++;
    return (await this.pool.query(text, params)).rows as T[];
  }

  async one<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
    const rows = await this.sql<T>(text, params);
    return rows[0];
  }

  /** Empties the job tables (FKs cascade to steps, events and deliveries). */
  async truncateJobs(): Promise<void> {
    await this.sql('TRUNCATE jobs CASCADE');
  }

  /** Drops the pipeline queue's keys; only safe while no worker is consuming. */
  async clearQueue(): Promise<void> {
    await this.deleteKeys(`${this.name}:pipeline:*`);
  }

  async deleteKeys(pattern: string): Promise<number> {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await this.redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  /** Jobs by status, e.g. {SUCCESS: 98, FAILURE: 2}. */
  async statusCounts(): Promise<Record<string, number>> {
    const rows = await this.sql<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM jobs GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** PIDs of the orchestrator's backends in this database (the harness's own excluded). */
  async appBackendPids(): Promise<number[]> {
    const rows = await this.sql<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name <> $1`,
      [BENCH_APP_NAME],
    );
    return rows.map((r) => r.pid);
  }

  /** PIDs of PostgreSQL's shared background processes (WAL writer, checkpointer, ...). */
  async pgBackgroundPids(): Promise<number[]> {
    const rows = await this.sql<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE backend_type NOT IN ('client backend')
          AND backend_type NOT LIKE 'autovacuum worker%'`,
    );
    return rows.map((r) => r.pid);
  }

  async redisPid(): Promise<number[]> {
    const info = await this.redis.info('server');
    const pid = /process_id:(\d+)/.exec(info);
    return pid ? [Number(pid[1])] : [];
  }

  /** Waits until `count` jobs among all rows are finished; throws with the status mix on timeout. */
  async waitFinished(count: number, timeoutMs: number, pollMs = 50): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Two index-only scans (all rows, and the partial index of unfinished ones): the
      // poll adds no sequential scan of jobs to what the orchestrator does.
      const { n } = await this.one<{ n: string }>(
        `SELECT (SELECT count(*) FROM jobs) - (SELECT count(*) FROM jobs WHERE finished_at IS NULL) AS n`,
      );
      if (Number(n) >= count) return;
      if (Date.now() > deadline) {
        throw new Error(
          `only ${n} of ${count} jobs finished in ${timeoutMs} ms: ${JSON.stringify(await this.statusCounts())}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

async function withAdmin(work: (client: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL, application_name: BENCH_APP_NAME });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
