import { BenchEnv, REDIS_URL } from './bench-env';
import { onCleanup } from './cleanup';
import type { Flags } from './flags';
import { createTrack } from './http-client';
import { OrchestratorProcess } from '../test/support/orchestrator-process';
import { CpuWindow, PidSource } from './procstat';
import type { StubHandle } from './stub-server';

export type Role = 'api' | 'worker' | 'all';

/** How long a stopped orchestrator may drain (and write its --cpu-prof files) before SIGKILL. */
export const DRAIN_MS = 20_000;

/** What every phase shares: flags, the private environment, the stub, and process control. */
export class Context {
  /** The create-track body of every job: a prompt and a reference track (all four steps run). */
  readonly body: string;
  readonly notes: string[] = [];
  /** The service URLs the orchestrator is started with (a phase may point them elsewhere). */
  stubEnv: Record<string, string>;

  constructor(
    readonly flags: Flags,
    readonly env: BenchEnv,
    readonly stub: StubHandle,
    readonly tool: 'wrk' | 'autocannon',
  ) {
    this.stubEnv = stub.env;
    this.body = JSON.stringify({
      prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
      reference_track_url: stub.referenceTrackUrl,
    });
  }

  log(message: string): void {
    process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  }

  note(message: string): void {
    this.notes.push(message);
    this.log(`note: ${message}`);
  }

  /** The orchestrator's environment; settings from the caller's shell pass through otherwise. */
  appEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.env.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: this.env.queuePrefix,
      ARTIFACTS_DIR: this.env.artifactsDir,
      STEP_RETRY_DELAY_MS: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Kept on (the production path costs a Redis MULTI per create) but out of reach.
      RATE_LIMIT_CREATE_PER_MINUTE: '1000000',
      // The backlog cap off: the create and backlog phases leave thousands unfinished.
      MAX_BACKLOG_PER_OWNER: '0',
      // The stub (services and reference track) listens on loopback.
      OUTBOUND_URL_ALLOWLIST: '127.0.0.0/8',
      ...this.stubEnv,
      ...overrides,
    };
  }

  async start(
    role: Role,
    options: { env?: Record<string, string>; nodeArgs?: string[]; name?: string } = {},
  ): Promise<OrchestratorProcess> {
    const proc = await OrchestratorProcess.start(
      options.name ?? role,
      { NODE_ENV: 'production', ...this.appEnv(options.env), APP_ROLE: role, HOST: '127.0.0.1' },
      { entry: this.flags.app, nodeArgs: options.nodeArgs },
    );
    onCleanup(`stop ${proc.name}`, () => proc.stop(5_000));
    return proc;
  }

  /** A CPU window over the given orchestrator processes plus stub, PostgreSQL and Redis. */
  cpuWindow(procs: Record<string, OrchestratorProcess | undefined>): Promise<CpuWindow> {
    const sources: Record<string, PidSource> = {};
    for (const [name, proc] of Object.entries(procs)) {
      if (proc) sources[name] = () => [proc.pid];
    }
    sources.stub = () => [this.stub.pid];
    sources.pg_backends = () => this.env.appBackendPids();
    sources.pg_background = () => this.env.pgBackgroundPids();
    sources.redis = () => this.env.redisPid();
    return CpuWindow.open(sources);
  }

  /** Creates `n` jobs through the API with `concurrency` clients; returns their ids. */
  async createJobs(api: OrchestratorProcess, n: number, concurrency: number): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, n) }, async () => {
        while (next < n) {
          next++;
          ids.push(await createTrack(api.url, this.body));
        }
      }),
    );
    return ids;
  }

  /**
   * Offers `n` creates at `rate` per second on a fixed schedule (open loop: a slow answer
   * does not delay the next create). Returns the ids.
   */
  async offerJobs(api: OrchestratorProcess, n: number, rate: number): Promise<string[]> {
    const start = Date.now();
    const pending: Promise<string>[] = [];
    for (let i = 0; i < n; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(createTrack(api.url, this.body));
    }
    return Promise.all(pending);
  }

  /** Empties tables and queue between runs; no worker may be consuming meanwhile. */
  async reset(): Promise<void> {
    await this.env.truncateJobs();
    await this.env.clearQueue();
  }
}
