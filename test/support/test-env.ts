import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { createApp, listen } from '../../src/create-app';
import { PG_ADMIN_URL, REDIS_BASE_URL } from './local-servers';
import { createMigratedDatabase } from './template-database';

export { PG_ADMIN_URL, REDIS_BASE_URL };

export interface TestEnvOptions {
  /**
   * `migrated` (the default): a copy of the template the migrations built once per run, so
   * the app's start-up migration finds nothing to do. `empty`: for tests of the migrations.
   */
  schema?: 'migrated' | 'empty';
}

/**
 * A private world for one test file: its own PostgreSQL database, its own Bull prefix in
 * Redis and its own artifacts folder, all removed at the end.
 */
export class TestEnv {
  readonly name = `orch_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  readonly databaseUrl: string;
  artifactsDir = '';

  constructor(private readonly options: TestEnvOptions = {}) {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${this.name}`;
    this.databaseUrl = url.toString();
  }

  async setUp(): Promise<void> {
    if (this.options.schema === 'empty')
      await withAdmin((admin) => admin.query(`CREATE DATABASE ${this.name}`));
    else await createMigratedDatabase(PG_ADMIN_URL, this.name);
    this.artifactsDir = await mkdtemp(join(tmpdir(), `${this.name}-`));
  }

  async tearDown(): Promise<void> {
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
    const redis = new Redis(REDIS_BASE_URL);
    const keys = await redis.keys(`${this.name}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await rm(this.artifactsDir, { recursive: true, force: true });
  }

  /** The environment the orchestrator runs with, in-process or as a child process. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: REDIS_BASE_URL,
      QUEUE_PREFIX: this.name,
      ARTIFACTS_DIR: this.artifactsDir,
      STEP_RETRY_DELAY_MS: '0',
      LOG_LEVEL: 'silent',
      RECONCILE_INTERVAL_MS: '1000',
      // Short embedded tracks keep the suite fast; the music tests ask for full-length ones.
      EMBEDDED_TRACK_SECONDS: '8',
      // Stub services, files and webhook receivers of the tests listen on loopback.
      OUTBOUND_URL_ALLOWLIST: '127.0.0.0/8,::1',
      ...overrides,
    };
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

async function withAdmin(work: (client: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

export interface RunningApp {
  app: NestFastifyApplication;
  url: string;
  /** A graceful shutdown, as SIGTERM gives one: it waits for open requests. */
  close(): Promise<void>;
  /**
   * The end of a test file: drops the connections its clients left open first (a body
   * never read keeps its socket busy, and close() would wait on it for minutes), then closes.
   */
  stop(): Promise<void>;
}

/** Starts the real orchestrator in this process. */
export async function startApp(
  env: TestEnv,
  overrides: Record<string, string> = {},
): Promise<RunningApp> {
  const config = new AppConfig(env.env(overrides));
  const app = await createApp(config);
  const url = await listen(app, config);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  const stop = async () => {
    const server = app.getHttpServer();
    server.closeAllConnections();
    // Until the listener is closed, a client may still connect (an SSE client reconnecting).
    const sweep = setInterval(() => server.closeAllConnections(), 200);
    try {
      await close();
    } finally {
      clearInterval(sweep);
    }
  };
  // Either may come twice: from a test's `finally` and from the end of the file.
  return { app, url, close, stop };
}
