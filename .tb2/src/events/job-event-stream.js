"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobEventStream = exports.RECONNECT_COMMENT = void 0;
const job_event_hub_1 = require("./job-event-hub");
const sse_format_1 = require("./sse-format");
const RECONNECT_HINT_MS = 3_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;
exports.RECONNECT_COMMENT = 'stream lifetime reached; reconnect with Last-Event-ID to resume';
class JobEventStream {
    deps;
    settings;
    jobId;
    last;
    res;
    onClosed;
    closed = false;
    lastWasTerminal = false;
    timers = [];
    unwatch;
    constructor(deps, settings, jobId, last, res, onClosed) {
        this.deps = deps;
        this.settings = settings;
        this.jobId = jobId;
        this.last = last;
        this.res = res;
        this.onClosed = onClosed;
    }
    get lastId() {
        return this.last;
    }
    start(first) {
        this.res.on('close', () => this.close());
        this.res.write((0, sse_format_1.sseRetry)(RECONNECT_HINT_MS));
        this.send(first);
        if (first.length < job_event_hub_1.STREAM_BATCH && this.lastWasTerminal) {
            this.close();
            return;
        }
        const ping = setInterval(() => this.write((0, sse_format_1.sseComment)('ping')), this.settings.keepAliveMs);
        const lifetime = setTimeout(() => {
            this.write((0, sse_format_1.sseComment)(exports.RECONNECT_COMMENT));
            this.close();
        }, this.settings.maxLifetimeMs);
        this.timers.push(ping, lifetime);
        for (const timer of this.timers)
            timer.unref();
        this.unwatch = this.deps.watch(this.jobId, this);
    }
    receive(rows) {
        if (this.closed)
            return;
        this.send(rows);
        if (this.lastWasTerminal || this.res.writableLength > MAX_BUFFERED_BYTES)
            this.close();
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        for (const timer of this.timers)
            clearTimeout(timer);
        this.unwatch?.();
        if (!this.res.writableEnded)
            this.res.end();
        this.onClosed(this);
    }
    send(rows) {
        for (const row of rows) {
            this.write((0, sse_format_1.sseEvent)(row));
            this.last = row.id;
            this.lastWasTerminal = (0, sse_format_1.isTerminalStatusEvent)(row);
        }
    }
    write(chunk) {
        if (!this.closed && !this.res.writableEnded)
            this.res.write(chunk);
    }
}
exports.JobEventStream = JobEventStream;
//# sourceMappingURL=job-event-stream.js.map