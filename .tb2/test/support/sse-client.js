"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SseClient = void 0;
const node_http_1 = require("node:http");
class SseClient {
    frames = [];
    status = 0;
    headers = {};
    ended = false;
    waiters = new Set();
    buffer = '';
    req;
    opened;
    constructor(url, headers = {}, localAddress) {
        this.req = (0, node_http_1.request)(url, {
            headers: { accept: 'text/event-stream', ...headers },
            ...(localAddress ? { localAddress } : {}),
        });
        this.opened = new Promise((resolve, reject) => {
            this.req.on('error', (error) => {
                this.ended = true;
                this.notify();
                reject(error);
            });
            this.req.on('response', (res) => {
                this.status = res.statusCode ?? 0;
                this.headers = res.headers;
                res.setEncoding('utf8');
                res.on('data', (chunk) => this.parse(chunk));
                res.on('end', () => {
                    this.ended = true;
                    this.notify();
                });
                res.on('close', () => {
                    this.ended = true;
                    this.notify();
                });
                resolve();
            });
        });
        this.req.end();
    }
    get events() {
        return this.frames
            .filter((f) => f.data !== undefined)
            .map((f) => JSON.parse(f.data));
    }
    get comments() {
        return this.frames.flatMap((f) => (f.comment === undefined ? [] : [f.comment]));
    }
    async until(condition, what, timeoutMs = 15_000) {
        if (condition())
            return;
        await new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiters.delete(check);
                reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`));
            }, timeoutMs);
            const check = () => {
                if (!condition())
                    return;
                clearTimeout(timer);
                this.waiters.delete(check);
                resolve();
            };
            this.waiters.add(check);
        });
    }
    untilEnded(timeoutMs) {
        return this.until(() => this.ended, 'the server to end the stream', timeoutMs);
    }
    close() {
        this.req.destroy();
    }
    parse(chunk) {
        this.buffer += chunk;
        let end;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
            const block = this.buffer.slice(0, end);
            this.buffer = this.buffer.slice(end + 2);
            const frame = {};
            for (const line of block.split('\n')) {
                if (line.startsWith(':'))
                    frame.comment = line.slice(1).trim();
                else if (line.startsWith('id: '))
                    frame.id = line.slice(4);
                else if (line.startsWith('event: '))
                    frame.event = line.slice(7);
                else if (line.startsWith('data: '))
                    frame.data = line.slice(6);
                else if (line.startsWith('retry: '))
                    frame.retry = Number(line.slice(7));
            }
            this.frames.push(frame);
        }
        this.notify();
    }
    notify() {
        for (const check of [...this.waiters])
            check();
    }
}
exports.SseClient = SseClient;
//# sourceMappingURL=sse-client.js.map