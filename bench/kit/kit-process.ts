import { ChildProcess, fork } from 'node:child_process';
import { trackChild } from '../cleanup';

/** What a kit process says over IPC: it is ready (with its port), or a batch is done. */
export type KitMessage = { ready: true; port: number } | { done: number };

/**
 * A kit server or worker as a process of its own, so its CPU is counted apart from the
 * harness: the compiled `file` is forked with `--serve` and answers `{ready, port}`.
 */
export class KitProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static start(file: string, env: Record<string, string>): Promise<KitProcess> {
    const child = fork(file, ['--serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    trackChild(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file} did not start in 15 s`)), 15_000);
      child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
      child.on('message', (message: KitMessage) => {
        if (!('ready' in message)) return;
        clearTimeout(timer);
        resolve(new KitProcess(child, message.port));
      });
    });
  }

  /** Tells a worker to report once it has finished `jobs` more jobs; resolves then. */
  finish(jobs: number): Promise<void> {
    return new Promise((resolve) => {
      const onMessage = (message: KitMessage) => {
        if (!('done' in message)) return;
        this.child.off('message', onMessage);
        resolve();
      };
      this.child.on('message', onMessage);
      this.child.send({ target: jobs });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.send({ stop: true });
      setTimeout(() => this.child.kill('SIGKILL'), 5_000).unref();
    });
  }
}

/** In a kit process: runs `onStop` (closing its pools and queues) when the harness asks. */
export function onStopRequest(onStop: () => Promise<void>): void {
  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return;
    void onStop().finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}
