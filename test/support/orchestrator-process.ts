import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The compiled entry point beside this compiled file: scripts/run-tests.sh builds it into
 * .test-build/src, `npm run build` into dist/src.
 */
const MAIN = join(__dirname, '..', '..', 'src', 'main.js');
const READY_TIMEOUT_MS = 30_000;
/** Output kept for assertions and error messages (the last part of it). */
const OUTPUT_LIMIT = 1_000_000;

/**
 * Ports for a process to listen on later, below the ephemeral range (Linux: 32768-60999)
 * that `listen(0)` and outgoing connections take theirs from: a port found free here is not
 * handed to another socket before the process binds it, even while other test files run.
 */
const LATER_PORTS = { first: 20_000, count: 12_000 };

/** A loopback port nothing listens on, for a process to take (or for a refused connection). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = LATER_PORTS.first + Math.floor(Math.random() * LATER_PORTS.count);
    if (await canListen(port)) return port;
  }
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await new Promise((resolve) => server.close(resolve));
  return listening;
}

/** Every child still alive: killed when this process exits, however it exits. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ProcessOptions {
  /** The compiled entry point (default: the build's src/main.js). */
  entry?: string;
  /** Node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** One orchestrator as a real OS process, as it runs in production; started when `start` resolves. */
export class OrchestratorProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly url: string;
  output = '';
  private signalled = false;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    readonly port: number,
    private readonly options: ProcessOptions = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts `name` on a free port with `env` on top of this process's, once it answers GET /. */
  static async start(
    name: string,
    env: Record<string, string>,
    options: ProcessOptions = {},
  ): Promise<OrchestratorProcess> {
    const process = new OrchestratorProcess(name, env, await freePort(), options);
    await process.start();
    return process;
  }

  /** Starts (or starts again, on the same port) and waits until it answers. */
  async start(): Promise<void> {
    this.signalled = false;
    this.child = spawn(
      process.execPath,
      [...(this.options.nodeArgs ?? []), this.options.entry ?? MAIN],
      {
        env: {
          ...process.env,
          ...this.env,
          PORT: String(this.port),
          LOG_LEVEL: this.env.LOG_LEVEL ?? 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_LIMIT);
    };
    this.child.stdout?.on('data', append);
    this.child.stderr?.on('data', append);
    const child = this.child;
    live.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        live.delete(child);
        resolve(code);
      }),
    );
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited at start:\n${this.lastOutput}`);
      const ok = await fetch(`${this.url}/`)
        .then(async (r) => {
          await r.arrayBuffer();
          return r.ok;
        })
        .catch(() => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`${this.name} did not answer in ${READY_TIMEOUT_MS} ms:\n${this.lastOutput}`);
  }

  /** NaN before it started. */
  get pid(): number {
    return this.child?.pid ?? NaN;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The end of what it printed, for error messages. */
  get lastOutput(): string {
    return this.output.slice(-8_000);
  }

  kill(signal: NodeJS.Signals): void {
    this.signalled = true;
    this.child?.kill(signal);
  }

  /**
   * Whether it exited without being asked to (neither `kill` nor `stop`): a crash, which a
   * test that finds jobs stuck wants to hear of.
   */
  get exitedOnItsOwn(): boolean {
    return !this.signalled && !!this.child && !this.alive;
  }

  /** Resolves with the exit code, or rejects after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} still running after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited ?? Promise.resolve(null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * SIGKILL at once (`graceMs` 0, what a test's teardown wants), or SIGTERM (a graceful
   * drain, which also writes --cpu-prof files) and SIGKILL after `graceMs`.
   */
  async stop(graceMs = 0): Promise<void> {
    if (!this.alive) return;
    this.signalled = true;
    this.child?.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
