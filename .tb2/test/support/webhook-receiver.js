"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Receiver = void 0;
const node_http_1 = require("node:http");
class Receiver {
    received = [];
    held = [];
    behaviours = new Map();
    server;
    url = '';
    async start() {
        this.server = (0, node_http_1.createServer)((req, res) => {
            const chunks = [];
            req.on('data', (chunk) => chunks.push(chunk));
            req.on('end', () => {
                const path = req.url ?? '/';
                const entry = { path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
                this.received.push(entry);
                const id = req.headers['webhook-id'];
                const attempt = this.received.filter((r) => r.path === path && r.headers['webhook-id'] === id).length;
                const behaviour = this.behaviours.get(path)?.(attempt) ?? { status: 204 };
                if (behaviour === 'hang')
                    this.held.push(res);
                else
                    res.writeHead(behaviour.status, behaviour.headers).end(behaviour.body ?? '');
            });
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}`;
    }
    on(path, behaviour) {
        this.behaviours.set(path, behaviour);
        return `${this.url}${path}`;
    }
    releaseHeld() {
        this.behaviours.clear();
        for (const res of this.held.splice(0))
            res.writeHead(200).end();
    }
    forJob(jobId) {
        return this.received
            .filter((r) => r.headers['webhook-id'] !== undefined)
            .map((r) => ({ ...r, parsed: JSON.parse(r.body) }))
            .filter((r) => r.parsed.data.job_id === jobId);
    }
    async stop() {
        this.releaseHeld();
        this.server?.closeAllConnections();
        await new Promise((resolve) => this.server?.close(resolve));
    }
}
exports.Receiver = Receiver;
//# sourceMappingURL=webhook-receiver.js.map