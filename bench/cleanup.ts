import type { ChildProcess } from 'node:child_process';

type Task = () => unknown;

const tasks: { name: string; task: Task }[] = [];
const children = new Set<ChildProcess>();
let running: Promise<void> | undefined;

/** Registers an undo step; steps run last-registered first. Returns a function that drops it. */
export function onCleanup(name: string, task: Task): () => void {
  const entry = { name, task };
  tasks.push(entry);
  return () => {
    const i = tasks.indexOf(entry);
    if (i >= 0) tasks.splice(i, 1);
  };
}

/** A child process to SIGKILL if the harness exits without stopping it. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Runs every registered step once (each failure is reported, not thrown). */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const { name, task } = tasks.pop()!;
      try {
        await withTimeout(Promise.resolve(task()), 30_000);
      } catch (error) {
        process.stderr.write(`cleanup "${name}" failed: ${String(error)}\n`);
      }
    }
    killChildren();
  })();
  return running;
}

function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** SIGINT / SIGTERM clean up and exit; a plain exit still kills the children it knows. */
export function installSignalHandlers(): void {
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void runCleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('exit', killChildren);
}
