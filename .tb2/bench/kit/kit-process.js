"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KitProcess = void 0;
exports.onStopRequest = onStopRequest;
const node_child_process_1 = require("node:child_process");
const cleanup_1 = require("../cleanup");
class KitProcess {
    child;
    port;
    constructor(child, port) {
        this.child = child;
        this.port = port;
    }
    get pid() {
        return this.child.pid;
    }
    static start(file, env) {
        const child = (0, node_child_process_1.fork)(file, ['--serve'], {
            env: { ...process.env, ...env },
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        (0, cleanup_1.trackChild)(child);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${file} did not start in 15 s`)), 15_000);
            child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
            child.on('message', (message) => {
                if (!('ready' in message))
                    return;
                clearTimeout(timer);
                resolve(new KitProcess(child, message.port));
            });
        });
    }
    finish(jobs) {
        return new Promise((resolve) => {
            const onMessage = (message) => {
                if (!('done' in message))
                    return;
                this.child.off('message', onMessage);
                resolve();
            };
            this.child.on('message', onMessage);
            this.child.send({ target: jobs });
        });
    }
    stop() {
        return new Promise((resolve) => {
            if (this.child.exitCode !== null)
                return resolve();
            this.child.once('exit', () => resolve());
            this.child.send({ stop: true });
            setTimeout(() => this.child.kill('SIGKILL'), 5_000).unref();
        });
    }
}
exports.KitProcess = KitProcess;
function onStopRequest(onStop) {
    process.on('message', (message) => {
        if (!message.stop)
            return;
        void onStop().finally(() => process.exit(0));
    });
    process.on('disconnect', () => process.exit(0));
}
//# sourceMappingURL=kit-process.js.map