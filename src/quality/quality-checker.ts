import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  runQualityCheck,
  type QualityCheckOutcome,
  type QualityCheckRequest,
} from './quality-check.task';

// Compiled beside this file, in dist/ and .test-build/ alike.
const WORKER_FILE = join(__dirname, 'quality.worker.js');

/** The check stopped before it answered: aborted by the signal, or past its time. */
export class QualityCheckStopped extends Error {}

type Answer = { outcome: QualityCheckOutcome } | { error: { message: string; stack?: string } };

/**
 * Runs one quality check on a thread of its own, so the event loop keeps answering while a
 * master is decoded, metered and limited. `signal` and `timeoutMs` end the thread.
 */
export function checkQualityOffLoop(
  request: QualityCheckRequest,
  { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
): Promise<QualityCheckOutcome> {
  if (signal?.aborted) return Promise.reject(new QualityCheckStopped('aborted'));
  // A master this process cannot read (another server's file, a URL) is only reported as
  // such: nothing to decode, so no thread is started for it.
  if (request.sourceFile === null) return runQualityCheck(request);
  return new Promise<QualityCheckOutcome>((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: request });
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(new QualityCheckStopped('aborted')));
    const timer = setTimeout(
      () => finish(() => reject(new QualityCheckStopped(`no answer within ${timeoutMs} ms`))),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (answer: Answer) =>
      finish(() =>
        'outcome' in answer
          ? resolve(answer.outcome)
          : reject(Object.assign(new Error(answer.error.message), { stack: answer.error.stack })),
      ),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`the quality-check thread exited with code ${code}`))),
    );
  });
}
