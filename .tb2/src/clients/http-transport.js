"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpTransport = exports.MalformedResponseError = void 0;
exports.serviceMessage = serviceMessage;
exports.parseRetryAfter = parseRetryAfter;
const common_1 = require("@nestjs/common");
const undici_1 = require("undici");
const outbound_url_guard_1 = require("../outbound/outbound-url-guard");
const service_errors_1 = require("./service-errors");
class MalformedResponseError extends Error {
}
exports.MalformedResponseError = MalformedResponseError;
const MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_ERROR_BODY_CHARS = 500;
let HttpTransport = class HttpTransport {
    agent = new undici_1.Agent({
        keepAliveTimeout: 30_000,
        connections: 128,
        connect: { timeout: 5_000 },
    });
    redirecting = this.agent.compose(undici_1.interceptors.redirect({ maxRedirections: 3 }));
    async onModuleDestroy() {
        await this.agent.close();
    }
    postJson(service, url, payload, validate, options) {
        return this.call(service, url, JSON.stringify(payload), 'application/json', validate, options);
    }
    postFile(service, url, file, validate, options) {
        const form = new undici_1.FormData();
        form.set('file', new Blob([file.bytes], { type: file.contentType }), file.filename);
        return this.call(service, url, form, undefined, validate, options);
    }
    async download(service, url, maxBytes, options, dispatcher = this.redirecting) {
        return this.withSignals(service, options, async (signal) => {
            const res = await (0, undici_1.request)(url, { method: 'GET', signal, dispatcher });
            if (res.statusCode >= 300) {
                const text = await readText(res.body, MAX_ERROR_BODY_CHARS);
                throw statusError(service, res.statusCode, text, res.headers['retry-after']);
            }
            const declared = Number(res.headers['content-length']);
            if (Number.isFinite(declared) && declared > maxBytes) {
                res.body.destroy();
                throw new service_errors_1.PermanentServiceError(service, `file is larger than the ${maxBytes}-byte limit (${declared} bytes)`);
            }
            const chunks = [];
            let size = 0;
            for await (const chunk of res.body) {
                size += chunk.length;
                if (size > maxBytes) {
                    res.body.destroy();
                    throw new service_errors_1.PermanentServiceError(service, `file is larger than the ${maxBytes}-byte limit`);
                }
                chunks.push(chunk);
            }
            const contentType = headerValue(res.headers['content-type']);
            return { bytes: Buffer.concat(chunks), contentType };
        });
    }
    call(service, url, body, contentType, validate, options) {
        return this.withSignals(service, options, async (signal) => {
            const headers = { accept: 'application/json' };
            if (contentType)
                headers['content-type'] = contentType;
            if (options.idempotencyKey)
                headers['idempotency-key'] = options.idempotencyKey;
            const res = await (0, undici_1.request)(url, {
                method: 'POST',
                body,
                headers,
                signal,
                dispatcher: this.agent,
            });
            const text = await readText(res.body, MAX_RESPONSE_BYTES);
            if (res.statusCode < 200 || res.statusCode >= 300) {
                throw statusError(service, res.statusCode, text, res.headers['retry-after']);
            }
            let parsed;
            try {
                parsed = JSON.parse(text);
            }
            catch {
                throw new service_errors_1.PermanentServiceError(service, `malformed response: not JSON (${truncate(text)})`, res.statusCode, truncate(text));
            }
            try {
                return validate(parsed);
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                throw new service_errors_1.PermanentServiceError(service, `malformed response: ${reason}`, res.statusCode, truncate(text));
            }
        });
    }
    async withSignals(service, options, work) {
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort(new Error(`timed out after ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        const caller = options.signal;
        const onCallerAbort = () => controller.abort(caller?.reason);
        if (caller?.aborted)
            onCallerAbort();
        else
            caller?.addEventListener('abort', onCallerAbort, { once: true });
        try {
            return await work(controller.signal);
        }
        catch (error) {
            if (error instanceof service_errors_1.TransientServiceError || error instanceof service_errors_1.PermanentServiceError)
                throw error;
            if (error instanceof MalformedResponseError) {
                throw new service_errors_1.PermanentServiceError(service, `malformed response: ${error.message}`);
            }
            if (options.signal?.aborted) {
                const reason = options.signal.reason;
                throw reason instanceof service_errors_1.CallAbortedError ? reason : new service_errors_1.CallAbortedError('cancelled');
            }
            if (timedOut) {
                throw new service_errors_1.TransientServiceError(service, `timed out after ${options.timeoutMs} ms`);
            }
            const refusal = (0, outbound_url_guard_1.findOutboundRefusal)(error);
            if (refusal)
                throw new service_errors_1.PermanentServiceError(service, refusal.message);
            throw new service_errors_1.TransientServiceError(service, `connection failed: ${describe(error)}`);
        }
        finally {
            clearTimeout(timer);
            caller?.removeEventListener('abort', onCallerAbort);
        }
    }
};
exports.HttpTransport = HttpTransport;
exports.HttpTransport = HttpTransport = __decorate([
    (0, common_1.Injectable)()
], HttpTransport);
function statusError(service, status, text, retryAfter) {
    const message = `${service} answered ${status}: ${serviceMessage(text)}`;
    if (status === 429 || status >= 500) {
        return new service_errors_1.TransientServiceError(service, message, status, truncate(text), parseRetryAfter(headerValue(retryAfter)));
    }
    return new service_errors_1.PermanentServiceError(service, message, status, truncate(text));
}
function serviceMessage(text) {
    try {
        const body = JSON.parse(text);
        for (const key of ['detail', 'message', 'error']) {
            const value = body?.[key];
            if (typeof value === 'string' && value.trim())
                return value;
            if (value !== undefined && value !== null)
                return truncate(JSON.stringify(value));
        }
    }
    catch {
    }
    return truncate(text.trim()) || '(empty body)';
}
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const ms = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
    if (!Number.isFinite(ms) || ms < 0)
        return undefined;
    return Math.min(ms, 3_600_000);
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}
async function readText(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) {
            body.destroy();
            throw new MalformedResponseError(`response larger than ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function truncate(text) {
    return text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text;
}
function describe(error) {
    if (error instanceof Error) {
        const code = error.code;
        return code ? `${code} ${error.message}` : error.message;
    }
    return String(error);
}
//# sourceMappingURL=http-transport.js.map