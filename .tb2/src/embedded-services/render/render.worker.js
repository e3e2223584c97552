"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_worker_threads_1 = require("node:worker_threads");
const render_tasks_1 = require("./render-tasks");
const port = node_worker_threads_1.parentPort;
if (!port)
    throw new Error('render.worker must run on a worker thread');
port.on('message', ({ id, task }) => {
    try {
        const result = (0, render_tasks_1.runRenderTask)(task);
        port.postMessage({ id, result }, (0, render_tasks_1.transferablesOf)(result));
    }
    catch (error) {
        const { message, stack } = error instanceof Error ? error : new Error(String(error));
        port.postMessage({ id, error: { message, stack } });
    }
});
//# sourceMappingURL=render.worker.js.map