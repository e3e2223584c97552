"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.crossSiteRefusal = crossSiteRefusal;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
function crossSiteRefusal(request, publicBaseUrl) {
    if (SAFE_METHODS.has(request.method))
        return undefined;
    const origin = single(request.headers.origin);
    const referer = single(request.headers.referer);
    const claimed = origin ?? referer;
    if (claimed === undefined)
        return undefined;
    const from = originOf(claimed);
    if (from !== undefined && ownOrigins(request, publicBaseUrl).includes(from))
        return undefined;
    const shown = claimed.length > 100 ? `${claimed.slice(0, 100)}...` : claimed;
    return `The queue dashboard accepts changes from its own pages only; this ${request.method} came from ${origin !== undefined ? 'Origin' : 'Referer'} "${shown}"`;
}
function ownOrigins(request, publicBaseUrl) {
    const own = [originOf(`${request.protocol}://${request.headers.host ?? ''}`)];
    if (publicBaseUrl !== undefined)
        own.push(originOf(publicBaseUrl));
    return own.filter((origin) => origin !== undefined);
}
function originOf(value) {
    try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
    }
    catch {
        return undefined;
    }
}
function single(value) {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
//# sourceMappingURL=same-origin.js.map