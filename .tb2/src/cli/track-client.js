"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrackClient = exports.CliError = exports.API_KEY_HEADER = void 0;
exports.refusal = refusal;
exports.unreachable = unreachable;
const node_fs_1 = require("node:fs");
const promises_1 = require("node:fs/promises");
const node_stream_1 = require("node:stream");
const promises_2 = require("node:stream/promises");
exports.API_KEY_HEADER = 'x-api-key';
class CliError extends Error {
    exitCode;
    constructor(message, exitCode = 1) {
        super(message);
        this.exitCode = exitCode;
    }
}
exports.CliError = CliError;
class TrackClient {
    options;
    baseUrl;
    constructor(options) {
        this.options = options;
        try {
            this.baseUrl = new URL(options.url);
        }
        catch {
            throw new CliError(`--url is not a URL: ${options.url}`, 2);
        }
    }
    headersFor(url) {
        const sameOrigin = new URL(url, this.baseUrl).origin === this.baseUrl.origin;
        return this.options.key && sameOrigin ? { [exports.API_KEY_HEADER]: this.options.key } : {};
    }
    url(path) {
        return new URL(path, this.baseUrl);
    }
    async request(method, path, body) {
        const url = this.url(path);
        const headers = { accept: 'application/json', ...this.headersFor(url) };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        const res = await this.fetch(url, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok)
            throw this.refusal(res, text, url);
        return (text === '' ? undefined : JSON.parse(text));
    }
    getJob(jobId) {
        return this.request('GET', `/jobs/${encodeURIComponent(jobId)}`);
    }
    async download(url, file) {
        const target = this.url(url);
        const res = await this.fetch(target, { headers: this.headersFor(target) });
        if (!res.ok || res.body === null) {
            throw this.refusal(res, await res.text(), target);
        }
        const partial = `${file}.part`;
        let size = 0;
        const counted = node_stream_1.Readable.fromWeb(res.body).on('data', (chunk) => (size += chunk.length));
        try {
            await (0, promises_2.pipeline)(counted, (0, node_fs_1.createWriteStream)(partial));
            await (0, promises_1.rename)(partial, file);
        }
        catch (error) {
            await (0, promises_1.rm)(partial, { force: true });
            throw new CliError(`Could not save the master to ${file}: ${error.message}`);
        }
        return size;
    }
    refusal(res, text, url) {
        const keySent = exports.API_KEY_HEADER in this.headersFor(url);
        return refusal(res.status, detailOf(text, res), res.headers.get('retry-after'), keySent);
    }
    async fetch(url, init) {
        try {
            return await fetch(url, init);
        }
        catch (error) {
            throw unreachable(this.baseUrl, error);
        }
    }
}
exports.TrackClient = TrackClient;
function refusal(status, detail, retryAfter, keySent = false) {
    switch (status) {
        case 401:
            if (keySent)
                return new CliError(`The API key was refused (401: ${detail}): check --key / TRACK_API_KEY`);
            return new CliError(`The server wants an API key (401: ${detail}): pass --key or set TRACK_API_KEY`);
        case 403:
            return new CliError(`This API key may not do that (403: ${detail})`);
        case 429: {
            const when = retryAfter ? `; try again in ${retryAfter} s` : '; try again shortly';
            return new CliError(`Too many requests (429: ${detail})${when}`);
        }
        default:
            return new CliError(status >= 500 ? `The server failed (${status}): ${detail}` : detail);
    }
}
function detailOf(text, res) {
    try {
        const body = JSON.parse(text);
        if (typeof body.detail === 'string')
            return body.detail;
    }
    catch {
    }
    return text.trim() || res.statusText || `HTTP ${res.status}`;
}
function unreachable(baseUrl, error) {
    const cause = error.cause;
    const reason = cause?.code ?? cause?.message ?? error.message;
    return new CliError(`No track server answers at ${baseUrl.origin} (${reason}): start it with "npm start", or point --url / TRACK_URL at it`);
}
//# sourceMappingURL=track-client.js.map