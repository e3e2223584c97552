import { Worker } from 'node:worker_threads';
import { transferablesOf, type RenderResult, type RenderTask } from './render-tasks';
import type { RenderRequest } from './render.worker';

interface Pending {
  task: RenderTask;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  current: (Pending & { id: number }) | undefined;
}

type WorkerAnswer =
  { id: number; result: RenderResult } | { id: number; error: { message: string; stack?: string } };

/**
 * A fixed-size pool of render threads, started on first use. Idle threads are unref'd so an
 * idle pool never keeps a process alive; a busy one is ref'd so an awaited render finishes.
 */
export class RenderPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly workerFile: string,
  ) {}

  run(task: RenderTask): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error('the render pool is shut down'));
    return new Promise<RenderResult>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(new Error('the render pool is shut down'));
    }
    await Promise.all(this.threads.splice(0).map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.current === undefined) ?? this.spawn();
      if (!thread) return;
      const pending = this.queue.shift() as Pending;
      const id = this.nextId++;
      thread.current = { ...pending, id };
      thread.worker.ref();
      const request: RenderRequest = { id, task: pending.task };
      thread.worker.postMessage(request, transferablesOf(pending.task));
    }
  }

  private spawn(): Thread | undefined {
    if (this.threads.length >= this.size) return undefined;
    const thread: Thread = { worker: new Worker(this.workerFile), current: undefined };
    thread.worker.on('message', (answer: WorkerAnswer) => {
      const current = thread.current;
      if (!current || current.id !== answer.id) return;
      thread.current = undefined;
      thread.worker.unref();
      if ('result' in answer) current.resolve(answer.result);
      else
        current.reject(
          Object.assign(new Error(answer.error.message), { stack: answer.error.stack }),
        );
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      thread.current?.reject(error);
      thread.current = undefined;
      if (!this.closed) this.dispatch();
    };
    thread.worker.on('error', lost);
    thread.worker.on('exit', (code) => lost(new Error(`a render thread exited with code ${code}`)));
    this.threads.push(thread);
    return thread;
  }
}
