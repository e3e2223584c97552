"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RetryLaterError = void 0;
exports.retryDelayMs = retryDelayMs;
exports.infrastructureRetryDelayMs = infrastructureRetryDelayMs;
exports.pipelineBackoff = pipelineBackoff;
class RetryLaterError extends Error {
    delayMs;
    constructor(delayMs, reason) {
        super(reason);
        this.delayMs = delayMs;
        this.name = 'RetryLaterError';
    }
}
exports.RetryLaterError = RetryLaterError;
function retryDelayMs(policy, attempt, retryAfterMs, random = Math.random) {
    const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
    const capped = Math.min(exponential, 15 * 60_000);
    const jittered = Math.round(capped / 2 + (random() * capped) / 2);
    return Math.max(jittered, retryAfterMs ?? 0);
}
function infrastructureRetryDelayMs(attemptsMade) {
    return Math.min(500 * 2 ** Math.max(0, attemptsMade - 1), 30_000);
}
function pipelineBackoff(attemptsMade, error) {
    if (error instanceof RetryLaterError)
        return error.delayMs;
    return infrastructureRetryDelayMs(attemptsMade);
}
//# sourceMappingURL=retry-policy.js.map