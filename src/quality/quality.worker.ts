import { parentPort, workerData } from 'node:worker_threads';
import { runQualityCheck, type QualityCheckRequest } from './quality-check.task';

/** Entry point of a quality-check thread: one check (its `workerData`), one answer, then it ends. */
const port = parentPort;
if (!port) throw new Error('quality.worker must run on a worker thread');

runQualityCheck(workerData as QualityCheckRequest).then(
  (outcome) => port.postMessage({ outcome }),
  (error: unknown) => {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ error: { message, stack } });
  },
);
