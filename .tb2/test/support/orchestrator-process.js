"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OrchestratorProcess = void 0;
exports.freePort = freePort;
const node_child_process_1 = require("node:child_process");
const node_net_1 = require("node:net");
const node_path_1 = require("node:path");
const MAIN = (0, node_path_1.join)(__dirname, '..', '..', 'src', 'main.js');
const READY_TIMEOUT_MS = 30_000;
const OUTPUT_LIMIT = 1_000_000;
async function freePort() {
    const server = (0, node_net_1.createServer)();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    return port;
}
const live = new Set();
process.once('exit', () => {
    for (const child of live)
        child.kill('SIGKILL');
});
class OrchestratorProcess {
    name;
    env;
    port;
    options;
    child;
    exited;
    url;
    output = '';
    constructor(name, env, port, options = {}) {
        this.name = name;
        this.env = env;
        this.port = port;
        this.options = options;
        this.url = `http://127.0.0.1:${port}`;
    }
    static async start(name, env, options = {}) {
        const process = new OrchestratorProcess(name, env, await freePort(), options);
        await process.start();
        return process;
    }
    async start() {
        this.child = (0, node_child_process_1.spawn)(process.execPath, [...(this.options.nodeArgs ?? []), this.options.entry ?? MAIN], {
            env: {
                ...process.env,
                ...this.env,
                PORT: String(this.port),
                LOG_LEVEL: this.env.LOG_LEVEL ?? 'warn',
            },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        const append = (chunk) => {
            this.output = (this.output + chunk.toString()).slice(-OUTPUT_LIMIT);
        };
        this.child.stdout?.on('data', append);
        this.child.stderr?.on('data', append);
        const child = this.child;
        live.add(child);
        this.exited = new Promise((resolve) => child.once('exit', (code) => {
            live.delete(child);
            resolve(code);
        }));
        const deadline = Date.now() + READY_TIMEOUT_MS;
        while (Date.now() < deadline) {
            if (!this.alive)
                throw new Error(`${this.name} exited at start:\n${this.lastOutput}`);
            const ok = await fetch(`${this.url}/`)
                .then(async (r) => {
                await r.arrayBuffer();
                return r.ok;
            })
                .catch(() => false);
            if (ok)
                return;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        child.kill('SIGKILL');
        throw new Error(`${this.name} did not answer in ${READY_TIMEOUT_MS} ms:\n${this.lastOutput}`);
    }
    get pid() {
        return this.child?.pid ?? NaN;
    }
    get alive() {
        return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
    }
    get lastOutput() {
        return this.output.slice(-8_000);
    }
    kill(signal) {
        this.child?.kill(signal);
    }
    async waitForExit(timeoutMs) {
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${this.name} still running after ${timeoutMs} ms`)), timeoutMs);
        });
        try {
            return await Promise.race([this.exited ?? Promise.resolve(null), timeout]);
        }
        finally {
            clearTimeout(timer);
        }
    }
    async stop(graceMs = 0) {
        if (!this.alive)
            return;
        this.child?.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
        const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
        await this.exited;
        clearTimeout(timer);
    }
}
exports.OrchestratorProcess = OrchestratorProcess;
//# sourceMappingURL=orchestrator-process.js.map