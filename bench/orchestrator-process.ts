import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { trackChild } from './cleanup';
import { sleep } from './stats';

export type Role = 'api' | 'worker' | 'all';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface StartOptions {
  name: string;
  app: string;
  role: Role;
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** One orchestrator as an OS process from the production build, as it runs in production. */
export class OrchestratorProcess {
  private output = '';
  private exited: Promise<void>;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(options: StartOptions): Promise<OrchestratorProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.app], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ...options.env,
        APP_ROLE: options.role,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackChild(child);
    const proc = new OrchestratorProcess(options.name, `http://127.0.0.1:${port}`, child);
    await proc.waitReady();
    return proc;
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines it printed (warnings, errors). */
  get log(): string {
    return this.output;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited at start:\n${this.output}`);
      const ok = await fetch(`${this.url}/`)
        .then(async (r) => {
          await r.arrayBuffer();
          return r.ok;
        })
        .catch(() => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${this.name} did not answer in 30 s:\n${this.output}`);
  }

  /** SIGTERM (a graceful drain, which also writes --cpu-prof files), SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
