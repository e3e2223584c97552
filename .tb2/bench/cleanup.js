"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.onCleanup = onCleanup;
exports.trackChild = trackChild;
exports.runCleanup = runCleanup;
exports.installSignalHandlers = installSignalHandlers;
const tasks = [];
const children = new Set();
let running;
function onCleanup(name, task) {
    const entry = { name, task };
    tasks.push(entry);
    return () => {
        const i = tasks.indexOf(entry);
        if (i >= 0)
            tasks.splice(i, 1);
    };
}
function trackChild(child) {
    children.add(child);
    child.once('exit', () => children.delete(child));
}
function runCleanup() {
    running ??= (async () => {
        while (tasks.length > 0) {
            const { name, task } = tasks.pop();
            try {
                await withTimeout(Promise.resolve(task()), 30_000);
            }
            catch (error) {
                process.stderr.write(`cleanup "${name}" failed: ${String(error)}\n`);
            }
        }
        killChildren();
    })();
    return running;
}
function killChildren() {
    for (const child of children) {
        if (child.exitCode === null && child.signalCode === null)
            child.kill('SIGKILL');
    }
}
function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
function installSignalHandlers() {
    const stop = (signal) => {
        process.stderr.write(`\n${signal}: cleaning up\n`);
        void runCleanup().finally(() => process.exit(130));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('exit', killChildren);
}
//# sourceMappingURL=cleanup.js.map