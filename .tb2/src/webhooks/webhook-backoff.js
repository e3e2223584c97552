"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_WEBHOOK_RETRY_DELAYS_MS = void 0;
exports.parseRetryDelays = parseRetryDelays;
exports.nextRetryDelayMs = nextRetryDelayMs;
exports.DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [
    5_000, 30_000, 120_000, 600_000, 1_800_000, 7_200_000, 18_000_000,
];
const MAX_DELAY_MS = 7 * 24 * 3_600_000;
const MAX_RETRIES = 30;
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
const JITTER = 0.1;
function parseRetryDelays(value) {
    const parts = value.split(',').map((part) => part.trim());
    const bad = parts.filter((part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > MAX_DELAY_MS);
    if (bad.length > 0 || parts.length > MAX_RETRIES) {
        throw new Error(`must be up to ${MAX_RETRIES} comma-separated delays in ms between 1 and ${MAX_DELAY_MS}, e.g. 5000,30000,120000${bad.length > 0 ? `; bad: ${bad.map((b) => `"${b}"`).join(', ')}` : ''}`);
    }
    return parts.map(Number);
}
function nextRetryDelayMs(attempts, schedule, retryAfterMs, random = Math.random) {
    const base = schedule[attempts - 1];
    if (base === undefined)
        return undefined;
    const jittered = Math.round(base * (1 + JITTER * random()));
    return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
//# sourceMappingURL=webhook-backoff.js.map