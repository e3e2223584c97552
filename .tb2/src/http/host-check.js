"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkHostHeader = checkHostHeader;
const request_origin_1 = require("./request-origin");
const ANY_HOST_PATHS = new Set(['/health/live', '/health/ready']);
function checkHostHeader(app, allowed, publicBaseUrl) {
    app
        .getHttpAdapter()
        .getInstance()
        .addHook('onRequest', async (request, reply) => {
        const host = allowed.accepted(request.headers.host);
        if (host !== undefined) {
            const port = host.port === undefined ? '' : `:${host.port}`;
            (0, request_origin_1.rememberLinkOrigin)(request, publicBaseUrl ?? `${request.protocol}://${host.name}${port}`);
            return;
        }
        const path = request.url.split('?', 1)[0];
        if ((request.method === 'GET' || request.method === 'HEAD') && ANY_HOST_PATHS.has(path))
            return;
        await reply
            .code(421)
            .header('connection', 'close')
            .send({ detail: refusal(request.headers.host) });
    });
}
function refusal(host) {
    if (host === undefined || host.trim() === '')
        return 'Misdirected request: the Host header is missing';
    const shown = host.length > 100 ? `${host.slice(0, 100)}...` : host;
    return `Misdirected request: this server does not answer to the host "${shown}"; add it to ALLOWED_HOSTS if it is this server's name`;
}
//# sourceMappingURL=host-check.js.map