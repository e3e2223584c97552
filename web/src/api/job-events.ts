// Follows a job's event stream with fetch (so the key travels in a header, which
// EventSource cannot send) and resumes with Last-Event-ID after any interruption.
import { createParser } from 'eventsource-parser';
import { api, FINISHED, type JobEvent, reportProblem } from './client';
import { ApiProblem, problemOf } from './problem';

export type StreamState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  /** Interrupted (dropped, lifetime reached, 429, 5xx): trying again at `at`. */
  | { kind: 'reconnecting'; at: number; reason: string }
  /** The job finished and its history is all here. */
  | { kind: 'ended' }
  /** Refused for good (unknown job, no access): nothing more will come. */
  | { kind: 'refused'; problem: ApiProblem };

export interface StreamHandlers {
  onEvent(event: JobEvent): void;
  onState(state: StreamState): void;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

/**
 * Reads `/jobs/{id}/events` from after `lastEventId` until the job finishes or `stop()`
 * is called. Returns `stop`. A clean end before the terminal event (the stream's lifetime)
 * reconnects at once; errors back off; a 429 waits its Retry-After.
 */
export function followJobEvents(
  jobId: string,
  lastEventId: number | undefined,
  handlers: StreamHandlers,
): () => void {
  const abort = new AbortController();
  let lastId = lastEventId;
  let backoff = MIN_BACKOFF_MS;

  const pause = (ms: number, reason: string) => {
    handlers.onState({ kind: 'reconnecting', at: Date.now() + ms, reason });
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  const run = async () => {
    while (!abort.signal.aborted) {
      handlers.onState({ kind: 'connecting' });
      let response: Response;
      try {
        ({ response } = await api.GET('/jobs/{job_id}/events', {
          params: { path: { job_id: jobId } },
          headers: {
            accept: 'text/event-stream',
            ...(lastId !== undefined ? { 'Last-Event-ID': String(lastId) } : {}),
          },
          parseAs: 'stream',
          signal: abort.signal,
        }));
      } catch {
        if (abort.signal.aborted) return;
        await pause(backoff, 'The connection failed.');
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (response.status === 204) {
        handlers.onState({ kind: 'ended' });
        return;
      }
      if (!response.ok || response.body === null) {
        const problem = problemOf(response, await response.json().catch(() => undefined));
        if (problem.status === 429 || problem.status >= 500) {
          const wait = (problem.retryAfterSeconds ?? 0) * 1000 || backoff;
          await pause(wait, problem.advice ?? problem.detail);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          continue;
        }
        reportProblem(problem);
        handlers.onState({ kind: 'refused', problem });
        return;
      }
      handlers.onState({ kind: 'live' });
      backoff = MIN_BACKOFF_MS;
      let finished = false;
      const parser = createParser({
        onEvent(message) {
          if (message.id !== undefined && /^\d+$/.test(message.id)) lastId = Number(message.id);
          const event = JSON.parse(message.data) as JobEvent;
          handlers.onEvent(event);
          const status = (event.data as { status?: unknown }).status;
          if (
            event.type === 'job.status' &&
            typeof status === 'string' &&
            FINISHED.includes(status)
          )
            finished = true;
        },
      });
      try {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        if (abort.signal.aborted) return;
        await pause(backoff, 'The connection dropped.');
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (finished) {
        handlers.onState({ kind: 'ended' });
        return;
      }
      // The stream's lifetime ended (or a proxy closed it): resume where it stopped.
      await pause(MIN_BACKOFF_MS, 'The stream ended; resuming.');
    }
  };
  void run();
  return () => abort.abort();
}
