"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FileServer = void 0;
exports.closedPortUrl = closedPortUrl;
const node_http_1 = require("node:http");
class FileServer {
    server;
    routes = new Map();
    sent = new Map();
    baseUrl = '';
    serve(path, body, type = 'audio/wav', status = 200) {
        this.routes.set(path, { kind: 'file', status, type, body });
        return `${this.baseUrl}${path}`;
    }
    hang(path) {
        this.routes.set(path, { kind: 'hang' });
        return `${this.baseUrl}${path}`;
    }
    redirect(path, location, status = 302) {
        this.routes.set(path, { kind: 'redirect', status, location });
        return `${this.baseUrl}${path}`;
    }
    get port() {
        return Number(new URL(this.baseUrl).port);
    }
    serveChunked(path, chunk, times, type = 'audio/wav') {
        this.routes.set(path, { kind: 'chunked', type, chunk, times });
        return `${this.baseUrl}${path}`;
    }
    bytesSent(path) {
        return this.sent.get(path) ?? 0;
    }
    async start() {
        this.server = (0, node_http_1.createServer)((req, res) => this.handle(req, res));
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.baseUrl = `http://127.0.0.1:${this.server.address().port}`;
    }
    async stop() {
        this.server?.closeAllConnections();
        await new Promise((resolve) => this.server?.close(resolve));
    }
    handle(req, res) {
        const path = req.url ?? '';
        const route = this.routes.get(path);
        if (!route) {
            res.writeHead(404, { 'content-type': 'text/plain' }).end('no such file');
            return;
        }
        if (route.kind === 'hang')
            return;
        if (route.kind === 'redirect') {
            res.writeHead(route.status, { location: route.location }).end();
            return;
        }
        if (route.kind === 'file') {
            this.count(path, route.body.length);
            res
                .writeHead(route.status, {
                'content-type': route.type,
                'content-length': route.body.length,
            })
                .end(route.body);
            return;
        }
        res.writeHead(200, { 'content-type': route.type });
        let written = 0;
        const pump = () => {
            while (written < route.times && !res.destroyed) {
                written += 1;
                this.count(path, route.chunk.length);
                if (!res.write(route.chunk)) {
                    res.once('drain', pump);
                    return;
                }
            }
            if (!res.destroyed)
                res.end();
        };
        pump();
    }
    count(path, bytes) {
        this.sent.set(path, this.bytesSent(path) + bytes);
    }
}
exports.FileServer = FileServer;
async function closedPortUrl(path = '/') {
    const probe = (0, node_http_1.createServer)();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    return `http://127.0.0.1:${port}${path}`;
}
//# sourceMappingURL=file-server.js.map