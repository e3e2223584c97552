"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.limitConnections = limitConnections;
const HEADERS_TIMEOUT_MS = 10_000;
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
const TOO_MANY_CONNECTIONS = rawResponse(503, 'Service Unavailable', {
    detail: 'Too many open connections from this client address',
});
function limitConnections(server, limits) {
    server.requestTimeout = limits.requestTimeoutMs;
    server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, limits.requestTimeoutMs);
    server.connectionsCheckingInterval =
        TIMEOUT_CHECK_INTERVAL_MS;
    if (limits.maxConnectionsPerClient > 0)
        capConnectionsPerClient(server, limits);
}
function capConnectionsPerClient(server, limits) {
    const open = new Map();
    server.on('connection', (socket) => {
        const address = socket.remoteAddress ?? 'unknown';
        const count = open.get(address) ?? 0;
        if (count >= limits.maxConnectionsPerClient) {
            socket.write(TOO_MANY_CONNECTIONS, () => socket.destroy());
            return;
        }
        open.set(address, count + 1);
        socket.once('close', () => {
            const left = (open.get(address) ?? 1) - 1;
            if (left === 0)
                open.delete(address);
            else
                open.set(address, left);
        });
    });
}
function rawResponse(status, reason, body) {
    const json = JSON.stringify(body);
    return [
        `HTTP/1.1 ${status} ${reason}`,
        'Connection: close',
        'Retry-After: 1',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(json)}`,
        '',
        json,
    ].join('\r\n');
}
//# sourceMappingURL=connection-limits.js.map