"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnreadableWebhookCredentialsError = void 0;
exports.parseWebhookCredentialsKey = parseWebhookCredentialsKey;
exports.hasUrlPassword = hasUrlPassword;
exports.sealUrlPassword = sealUrlPassword;
exports.openUrlPassword = openUrlPassword;
exports.fingerprintableUrl = fingerprintableUrl;
const node_crypto_1 = require("node:crypto");
const SEALED_PREFIX = 'whc1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
function parseWebhookCredentialsKey(value) {
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
    if (key?.length !== KEY_BYTES)
        throw new Error(`must be base64 of ${KEY_BYTES} random bytes, e.g. $(openssl rand -base64 32)`);
    return key;
}
class UnreadableWebhookCredentialsError extends Error {
}
exports.UnreadableWebhookCredentialsError = UnreadableWebhookCredentialsError;
function hasUrlPassword(url) {
    return new URL(url).password !== '';
}
function sealUrlPassword(url, key) {
    const parsed = new URL(url);
    if (!parsed.password)
        return url;
    const password = parsed.password;
    parsed.password = '';
    const additionalData = withoutCredentials(parsed);
    const iv = (0, node_crypto_1.randomBytes)(IV_BYTES);
    const cipher = (0, node_crypto_1.createCipheriv)('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(additionalData, 'utf8'));
    const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
    parsed.password =
        SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    return parsed.toString();
}
function openUrlPassword(url, key) {
    const parsed = new URL(url);
    if (!parsed.password.startsWith(SEALED_PREFIX))
        return url;
    if (key === undefined)
        throw new UnreadableWebhookCredentialsError('the receiver password is stored encrypted and WEBHOOK_CREDENTIALS_KEY is not set');
    const packed = Buffer.from(parsed.password.slice(SEALED_PREFIX.length), 'base64url');
    parsed.password = '';
    try {
        const decipher = (0, node_crypto_1.createDecipheriv)('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(withoutCredentials(parsed), 'utf8'));
        decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const password = Buffer.concat([
            decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)),
            decipher.final(),
        ]).toString('utf8');
        parsed.password = password;
        return parsed.toString();
    }
    catch {
        throw new UnreadableWebhookCredentialsError('the receiver password cannot be decrypted (WEBHOOK_CREDENTIALS_KEY changed, or the row was edited)');
    }
}
function withoutCredentials(parsed) {
    const copy = new URL(parsed.toString());
    copy.username = '';
    copy.password = '';
    return copy.toString();
}
function fingerprintableUrl(url, key) {
    const parsed = new URL(url);
    if (!parsed.password || key === undefined)
        return url;
    parsed.password = (0, node_crypto_1.createHmac)('sha256', key)
        .update(`webhook-url-fingerprint:${parsed.password}`)
        .digest('base64url');
    return parsed.toString();
}
//# sourceMappingURL=webhook-credentials.js.map