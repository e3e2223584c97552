"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookSender = void 0;
exports.serializePayload = serializePayload;
exports.splitCredentials = splitCredentials;
const common_1 = require("@nestjs/common");
const node_http_1 = require("node:http");
const undici_1 = require("undici");
const app_config_1 = require("../config/app-config");
const http_transport_1 = require("../clients/http-transport");
const outbound_url_guard_1 = require("../outbound/outbound-url-guard");
const webhook_credentials_1 = require("./webhook-credentials");
const webhook_signer_1 = require("./webhook-signer");
const MAX_ERROR_BODY_CHARS = 300;
const USER_AGENT = 'track-orchestrator-webhooks/1.0';
function serializePayload(payload) {
    return JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
}
let WebhookSender = class WebhookSender {
    config;
    guard;
    agent;
    constructor(config, guard) {
        this.config = config;
        this.guard = guard;
        this.agent = new undici_1.Agent({
            keepAliveTimeout: 10_000,
            connections: config.webhookConcurrencyPerOrigin,
            headersTimeout: config.webhookTimeoutMs,
            bodyTimeout: config.webhookTimeoutMs,
            connect: guard.connector('webhook_url', config.webhookTimeoutMs),
        });
    }
    async onModuleDestroy() {
        await this.agent.close();
    }
    async send(id, storedUrl, payload) {
        const key = this.config.webhookKey;
        if (key === undefined)
            return { ok: false, error: 'not sent: WEBHOOK_SECRET is not set' };
        let url;
        try {
            url = (0, webhook_credentials_1.openUrlPassword)(storedUrl, this.config.webhookCredentialsKey);
        }
        catch (error) {
            if (!(error instanceof webhook_credentials_1.UnreadableWebhookCredentialsError))
                throw error;
            return { ok: false, permanent: true, error: `not sent: ${error.message}` };
        }
        const timeoutMs = this.config.webhookTimeoutMs;
        const signal = AbortSignal.timeout(timeoutMs);
        try {
            this.guard.assertLiteralAllowed(url, 'webhook_url');
            const body = serializePayload(payload);
            const { target, authorization } = splitCredentials(url);
            const res = await (0, undici_1.request)(target, {
                method: 'POST',
                body,
                headers: {
                    'content-type': 'application/json',
                    'user-agent': USER_AGENT,
                    ...(authorization ? { authorization } : {}),
                    ...(0, webhook_signer_1.webhookHeaders)(key, id, body),
                },
                signal,
                dispatcher: this.agent,
            });
            const text = await readSnippet(res.body);
            if (res.statusCode >= 200 && res.statusCode < 300)
                return { ok: true, statusCode: res.statusCode };
            const retryAfter = res.headers['retry-after'];
            return {
                ok: false,
                statusCode: res.statusCode,
                error: `receiver answered ${res.statusCode}${node_http_1.STATUS_CODES[res.statusCode] ? ` ${node_http_1.STATUS_CODES[res.statusCode]}` : ''}`,
                ...(text ? { body: text } : {}),
                retryAfterMs: (0, http_transport_1.parseRetryAfter)(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
                permanent: res.statusCode === 410,
            };
        }
        catch (error) {
            if (signal.aborted)
                return { ok: false, error: `no answer within ${timeoutMs} ms` };
            return { ok: false, error: describeError(error) };
        }
    }
};
exports.WebhookSender = WebhookSender;
exports.WebhookSender = WebhookSender = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        outbound_url_guard_1.OutboundUrlGuard])
], WebhookSender);
function splitCredentials(url) {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password)
        return { target: url };
    const credentials = `${percentDecoded(parsed.username)}:${percentDecoded(parsed.password)}`;
    parsed.username = '';
    parsed.password = '';
    return {
        target: parsed.toString(),
        authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
    };
}
function percentDecoded(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}
async function readSnippet(body) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        chunks.push(chunk);
        size += chunk.length;
        if (size > MAX_ERROR_BODY_CHARS * 4) {
            body.destroy();
            break;
        }
    }
    const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
    return text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text;
}
function describeError(error) {
    const refusal = (0, outbound_url_guard_1.findOutboundRefusal)(error);
    if (refusal)
        return `refused: ${refusal.message}`;
    const cause = error.cause;
    const root = cause instanceof Error ? cause : error;
    if (root instanceof Error) {
        const code = root.code;
        return `connection failed: ${code ? `${code} ` : ''}${root.message}`;
    }
    return `connection failed: ${String(root)}`;
}
//# sourceMappingURL=webhook-sender.js.map