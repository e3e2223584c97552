"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RawConnection = void 0;
exports.requestHead = requestHead;
const node_net_1 = require("node:net");
class RawConnection {
    socket;
    received = '';
    closed;
    openedAt = Date.now();
    constructor(socket) {
        this.socket = socket;
        socket.setEncoding('latin1');
        socket.on('data', (chunk) => (this.received += chunk));
        this.closed = new Promise((resolve) => {
            socket.once('close', () => resolve(Date.now() - this.openedAt));
        });
        socket.on('error', () => undefined);
    }
    static open(baseUrl) {
        const { hostname, port } = new URL(baseUrl);
        return new Promise((resolve, reject) => {
            const socket = (0, node_net_1.connect)(Number(port), hostname, () => resolve(new RawConnection(socket)));
            socket.once('error', reject);
        });
    }
    write(text) {
        if (!this.socket.destroyed)
            this.socket.write(text);
    }
    get status() {
        const match = /^HTTP\/1\.1 (\d{3})/.exec(this.received);
        return match ? Number(match[1]) : undefined;
    }
    get isClosed() {
        return this.socket.destroyed || this.socket.readyState === 'closed';
    }
    async closesWithin(ms) {
        let timer;
        const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)));
        const closed = await Promise.race([this.closed.then(() => true), timeout]);
        clearTimeout(timer);
        return closed;
    }
    destroy() {
        this.socket.destroy();
    }
}
exports.RawConnection = RawConnection;
function requestHead(method, path, headers = {}) {
    const lines = Object.entries({ host: 'localhost', ...headers }).map(([k, v]) => `${k}: ${v}`);
    return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
//# sourceMappingURL=raw-connection.js.map