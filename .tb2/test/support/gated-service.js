"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GatedService = void 0;
const node_http_1 = require("node:http");
class GatedService {
    path;
    body;
    server;
    held = false;
    waiting = [];
    url = '';
    constructor(path, body) {
        this.path = path;
        this.body = body;
    }
    async start() {
        this.server = (0, node_http_1.createServer)((req, res) => {
            req.resume();
            req.on('end', () => {
                if (this.held)
                    this.waiting.push(res);
                else
                    this.answer(res);
            });
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}${this.path}`;
    }
    hold() {
        this.held = true;
    }
    release() {
        this.held = false;
        for (const res of this.waiting.splice(0))
            this.answer(res);
    }
    async stop() {
        this.release();
        this.server?.closeAllConnections();
        await new Promise((resolve) => this.server?.close(resolve));
    }
    answer(res) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.body));
    }
}
exports.GatedService = GatedService;
//# sourceMappingURL=gated-service.js.map