"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TcpProxy = void 0;
const node_net_1 = require("node:net");
class TcpProxy {
    targetHost;
    targetPort;
    server;
    sockets = new Set();
    up = true;
    port = 0;
    constructor(targetHost, targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }
    async start() {
        this.server = (0, node_net_1.createServer)((client) => {
            if (!this.up) {
                client.destroy();
                return;
            }
            const upstream = new node_net_1.Socket();
            upstream.connect(this.targetPort, this.targetHost);
            for (const socket of [client, upstream]) {
                this.sockets.add(socket);
                socket.on('close', () => this.sockets.delete(socket));
                socket.on('error', () => undefined);
            }
            client.pipe(upstream).pipe(client);
            client.on('close', () => upstream.destroy());
            upstream.on('close', () => client.destroy());
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.port = this.server.address().port;
    }
    cut() {
        this.up = false;
        for (const socket of this.sockets)
            socket.destroy();
    }
    restore() {
        this.up = true;
    }
    async stop() {
        this.cut();
        await new Promise((resolve) => this.server?.close(resolve));
    }
}
exports.TcpProxy = TcpProxy;
//# sourceMappingURL=tcp-proxy.js.map