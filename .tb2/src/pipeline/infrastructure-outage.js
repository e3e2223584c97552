"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isInfrastructureOutage = isInfrastructureOutage;
function isInfrastructureOutage(error) {
    for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
        if (isOutageItself(e))
            return true;
        const wrapped = e;
        e = wrapped.driverError ?? wrapped.cause;
    }
    return false;
}
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
]);
const SQLSTATE_OUTAGE = /^(08|53|58)...$|^57P0[1-5]$/;
const OUTAGE_MESSAGES = [
    /connection terminated/i,
    /cannot use a pool after calling end/i,
    /timeout exceeded when trying to connect/i,
    /client has encountered a connection error/i,
    /query read timeout/i,
    /connection is closed/i,
    /stream isn't writeable/i,
    /reached the max retries per request limit/i,
    /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/,
];
function isOutageItself(error) {
    const code = error.code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE_OUTAGE.test(code)))
        return true;
    if (error.name === 'MaxRetriesPerRequestError')
        return true;
    return OUTAGE_MESSAGES.some((pattern) => pattern.test(error.message));
}
//# sourceMappingURL=infrastructure-outage.js.map