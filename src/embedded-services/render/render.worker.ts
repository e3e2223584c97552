import { parentPort } from 'node:worker_threads';
import { runRenderTask, transferablesOf, type RenderTask } from './render-tasks';

/** Entry point of a render thread: one task at a time, answered in order. */
export interface RenderRequest {
  id: number;
  task: RenderTask;
}

const port = parentPort;
if (!port) throw new Error('render.worker must run on a worker thread');

port.on('message', ({ id, task }: RenderRequest) => {
  try {
    const result = runRenderTask(task);
    port.postMessage({ id, result }, transferablesOf(result));
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id, error: { message, stack } });
  }
});
