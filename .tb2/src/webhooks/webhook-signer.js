"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseWebhookSecret = parseWebhookSecret;
exports.signWebhook = signWebhook;
exports.webhookHeaders = webhookHeaders;
const node_crypto_1 = require("node:crypto");
const SECRET_PREFIX = 'whsec_';
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
function parseWebhookSecret(value) {
    const encoded = value.startsWith(SECRET_PREFIX) ? value.slice(SECRET_PREFIX.length) : undefined;
    if (encoded === undefined ||
        !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ||
        encoded.length % 4 !== 0) {
        throw new Error('must be "whsec_" followed by base64, e.g. whsec_$(openssl rand -base64 32) (Standard Webhooks format)');
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
        throw new Error(`must encode ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, got ${key.length}`);
    }
    return key;
}
function signWebhook(key, id, timestampSeconds, body) {
    const mac = (0, node_crypto_1.createHmac)('sha256', key)
        .update(`${id}.${timestampSeconds}.${body}`)
        .digest('base64');
    return `v1,${mac}`;
}
function webhookHeaders(key, id, body, now = new Date()) {
    const timestamp = Math.floor(now.getTime() / 1000);
    return {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(key, id, timestamp, body),
    };
}
//# sourceMappingURL=webhook-signer.js.map