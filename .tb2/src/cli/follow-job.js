"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.followJob = followJob;
const eventsource_1 = require("eventsource");
const webhook_event_types_1 = require("../webhooks/webhook-event-types");
const job_view_1 = require("./job-view");
const step_lines_1 = require("./step-lines");
const track_client_1 = require("./track-client");
const QUEUED_EVENT = 'step.queued';
const STREAMED_TYPES = [...new Set([...webhook_event_types_1.JOB_EVENT_TYPES, QUEUED_EVENT])];
const TICK_MS = 250;
const POLL_MS = 5_000;
const REOPEN_MS = 2_000;
function followJob(client, jobId, display) {
    return new Promise((resolve, reject) => {
        const hints = new Map();
        let job;
        let lastEventId;
        let source;
        let done = false;
        let reading;
        let readAgain = false;
        const render = () => {
            if (job)
                display.render((0, step_lines_1.stepLines)(job, hints, Date.now()));
        };
        const end = (error, finished) => {
            if (done)
                return;
            done = true;
            clearInterval(ticker);
            clearTimeout(reopenTimer);
            source?.close();
            if (finished)
                resolve(finished);
            else
                reject(error instanceof Error ? error : new Error(String(error)));
        };
        const refresh = () => {
            if (reading) {
                readAgain = true;
                return;
            }
            reading = client
                .getJob(jobId)
                .then((latest) => {
                job = latest;
                render();
                if ((0, job_view_1.isFinished)(latest))
                    end(undefined, latest);
            })
                .catch((error) => end(error))
                .finally(() => {
                reading = undefined;
                if (readAgain && !done) {
                    readAgain = false;
                    refresh();
                }
            });
        };
        const onEvent = (raw, id) => {
            lastEventId = id || lastEventId;
            const event = JSON.parse(raw);
            const step = typeof event.data.step === 'string' ? event.data.step : undefined;
            if (step && event.type === 'step.retrying') {
                const retryInMs = Number(event.data.retry_in_ms);
                hints.set(step, {
                    retryInMs,
                    retryAt: Date.parse(event.created_at) + retryInMs,
                    failedAttempt: Number(event.data.attempt),
                    error: typeof event.data.error === 'string' ? event.data.error : undefined,
                });
            }
            else if (step && event.type === QUEUED_EVENT) {
                hints.set(step, { position: Number(event.data.position) });
            }
            else if (step) {
                hints.delete(step);
            }
            refresh();
        };
        let reopenTimer;
        const open = () => {
            const url = client.url(`/jobs/${encodeURIComponent(jobId)}/events`);
            if (lastEventId)
                url.searchParams.set('last_event_id', lastEventId);
            const headers = client.headersFor(url);
            source = new eventsource_1.EventSource(url, {
                fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...headers } }),
            });
            for (const type of STREAMED_TYPES) {
                source.addEventListener(type, (message) => onEvent(String(message.data), message.lastEventId));
            }
            source.addEventListener('error', (error) => {
                if (done || source?.readyState !== source?.CLOSED)
                    return;
                const status = error.code;
                if (status === undefined || status === 204) {
                    refresh();
                    if (status === undefined)
                        reopenTimer = setTimeout(open, REOPEN_MS);
                }
                else if (status === 429 || status >= 500) {
                    reopenTimer = setTimeout(open, REOPEN_MS);
                }
                else if (status === 404) {
                    end(new track_client_1.CliError(`Job ${jobId} not found`));
                }
                else {
                    end((0, track_client_1.refusal)(status, error.message ?? `HTTP ${status}`, null, track_client_1.API_KEY_HEADER in headers));
                }
            });
        };
        let ticks = 0;
        const ticker = setInterval(() => {
            if (display.ticks)
                render();
            if (++ticks % (POLL_MS / TICK_MS) === 0)
                refresh();
        }, TICK_MS);
        refresh();
        open();
    });
}
//# sourceMappingURL=follow-job.js.map