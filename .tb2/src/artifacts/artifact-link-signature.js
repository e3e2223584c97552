"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseArtifactUrlSecret = parseArtifactUrlSecret;
exports.signArtifactPath = signArtifactPath;
exports.linkExpiry = linkExpiry;
exports.checkArtifactLink = checkArtifactLink;
const node_crypto_1 = require("node:crypto");
const MIN_SECRET_CHARS = 32;
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const EXPIRES_PATTERN = /^\d{1,12}$/;
function parseArtifactUrlSecret(value) {
    if (value.length < MIN_SECRET_CHARS) {
        throw new Error(`must be at least ${MIN_SECRET_CHARS} characters, e.g. $(openssl rand -base64 32), got ${value.length}`);
    }
    return Buffer.from(value, 'utf8');
}
function signArtifactPath(key, filePath, expires) {
    return (0, node_crypto_1.createHmac)('sha256', key).update(`${filePath}\n${expires}`).digest('base64url');
}
function linkExpiry(nowMs, ttlSeconds) {
    return (Math.floor(nowMs / 1000 / ttlSeconds) + 2) * ttlSeconds;
}
function checkArtifactLink(key, filePath, expires, signature, nowMs = Date.now()) {
    if (typeof expires !== 'string' || !EXPIRES_PATTERN.test(expires))
        return 'invalid';
    if (typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature))
        return 'invalid';
    const expected = Buffer.from(signArtifactPath(key, filePath, Number(expires)));
    if (!(0, node_crypto_1.timingSafeEqual)(expected, Buffer.from(signature)))
        return 'invalid';
    return Number(expires) * 1000 > nowMs ? 'valid' : 'expired';
}
//# sourceMappingURL=artifact-link-signature.js.map