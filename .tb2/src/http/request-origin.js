"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rememberLinkOrigin = rememberLinkOrigin;
exports.requestOrigin = requestOrigin;
const linkOrigins = new WeakMap();
function rememberLinkOrigin(request, origin) {
    linkOrigins.set(request, origin);
}
function requestOrigin(request) {
    const origin = linkOrigins.get(request);
    if (origin === undefined)
        throw new Error('requestOrigin: the Host check did not run on this request');
    return origin;
}
//# sourceMappingURL=request-origin.js.map