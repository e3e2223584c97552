import { EventSource } from 'eventsource';
import { JOB_EVENT_TYPES } from '../webhooks/webhook-event-types';
import { isFinished, JobView } from './job-view';
import type { ProgressDisplay } from './progress-display';
import { StepHints, stepLines } from './step-lines';
import { API_KEY_HEADER, CliError, refusal, TrackClient } from './track-client';

/** A step joined its service's line: the event carries its place in it. */
const QUEUED_EVENT = 'step.queued';
const STREAMED_TYPES: readonly string[] = JOB_EVENT_TYPES;
/** How often a terminal redraws elapsed times and countdowns. */
const TICK_MS = 250;
/** The job is read again this often even without events: a missed event cannot stall the command. */
const POLL_MS = 5_000;
/** A stream refused for now (429 on the per-key cap, 5xx) is opened again after this. */
const REOPEN_MS = 2_000;

interface StreamedEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

/**
 * Shows a job's progress from its event stream (`GET /jobs/{id}/events`, the key in a
 * header) until it finishes, and answers the finished job. Each event updates what it says
 * of a step (countdown, place in line) and has the job read again, so the steps shown are
 * the server's. A dropped connection or the end of a stream's lifetime is resumed by the
 * EventSource client with `Last-Event-ID`; a stream refused for now is opened again after
 * the last event seen.
 */
export function followJob(
  client: TrackClient,
  jobId: string,
  display: ProgressDisplay,
): Promise<JobView> {
  return new Promise<JobView>((resolve, reject) => {
    const hints = new Map<string, StepHints>();
    let job: JobView | undefined;
    let lastEventId: string | undefined;
    let source: EventSource | undefined;
    let done = false;
    let reading: Promise<void> | undefined;
    let readAgain = false;

    const render = () => {
      if (job) display.render(stepLines(job, hints, Date.now()));
    };
    const end = (error: unknown, finished?: JobView) => {
      if (done) return;
      done = true;
      clearInterval(ticker);
      clearTimeout(reopenTimer);
      source?.close();
      if (finished) resolve(finished);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    /** Reads the job; one read at a time, and one more if asked meanwhile. */
    const refresh = (): void => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = client
        .getJob(jobId)
        .then((latest) => {
          job = latest;
          render();
          if (isFinished(latest)) end(undefined, latest);
        })
        .catch((error: unknown) => end(error))
        .finally(() => {
          reading = undefined;
          if (readAgain && !done) {
            readAgain = false;
            refresh();
          }
        });
    };
    const onEvent = (raw: string, id: string) => {
      lastEventId = id || lastEventId;
      const event = JSON.parse(raw) as StreamedEvent;
      const step = typeof event.data.step === 'string' ? event.data.step : undefined;
      if (step && event.type === 'step.retrying') {
        const retryInMs = Number(event.data.retry_in_ms);
        hints.set(step, {
          retryInMs,
          retryAt: Date.parse(event.created_at) + retryInMs,
          failedAttempt: Number(event.data.attempt),
          error: typeof event.data.error === 'string' ? event.data.error : undefined,
        });
      } else if (step && event.type === QUEUED_EVENT) {
        hints.set(step, { position: Number(event.data.position) });
      } else if (step) {
        hints.delete(step);
      }
      refresh();
    };

    let reopenTimer: NodeJS.Timeout | undefined;
    const open = () => {
      const url = client.url(`/jobs/${encodeURIComponent(jobId)}/events`);
      // A new stream after a refused one starts after the last event seen; the client's own
      // reconnects send Last-Event-ID themselves.
      if (lastEventId) url.searchParams.set('last_event_id', lastEventId);
      const headers = client.headersFor(url);
      source = new EventSource(url, {
        fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...headers } }),
      });
      for (const type of STREAMED_TYPES) {
        source.addEventListener(type, (message) =>
          onEvent(String(message.data), message.lastEventId),
        );
      }
      source.addEventListener('error', (error) => {
        if (done || source?.readyState !== source?.CLOSED) return; // reconnecting by itself
        const status = error.code;
        if (status === undefined || status === 204) {
          // Finished with nothing after the last event, or a network failure it gave up on.
          refresh();
          if (status === undefined) reopenTimer = setTimeout(open, REOPEN_MS);
        } else if (status === 429 || status >= 500) {
          reopenTimer = setTimeout(open, REOPEN_MS);
        } else if (status === 404) {
          end(new CliError(`Job ${jobId} not found`));
        } else {
          end(refusal(status, error.message ?? `HTTP ${status}`, null, API_KEY_HEADER in headers));
        }
      });
    };

    let ticks = 0;
    const ticker = setInterval(() => {
      if (display.ticks) render();
      if (++ticks % (POLL_MS / TICK_MS) === 0) refresh();
    }, TICK_MS);
    refresh();
    open();
  });
}
