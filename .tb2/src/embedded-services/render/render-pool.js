"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RenderPool = void 0;
const node_worker_threads_1 = require("node:worker_threads");
const render_tasks_1 = require("./render-tasks");
class RenderPool {
    size;
    workerFile;
    threads = [];
    queue = [];
    nextId = 0;
    closed = false;
    constructor(size, workerFile) {
        this.size = size;
        this.workerFile = workerFile;
    }
    run(task) {
        if (this.closed)
            return Promise.reject(new Error('the render pool is shut down'));
        return new Promise((resolve, reject) => {
            this.queue.push({ task, resolve, reject });
            this.dispatch();
        });
    }
    async close() {
        this.closed = true;
        for (const pending of this.queue.splice(0)) {
            pending.reject(new Error('the render pool is shut down'));
        }
        await Promise.all(this.threads.splice(0).map(({ worker }) => worker.terminate()));
    }
    dispatch() {
        while (this.queue.length > 0) {
            const thread = this.threads.find((t) => t.current === undefined) ?? this.spawn();
            if (!thread)
                return;
            const pending = this.queue.shift();
            const id = this.nextId++;
            thread.current = { ...pending, id };
            thread.worker.ref();
            const request = { id, task: pending.task };
            thread.worker.postMessage(request, (0, render_tasks_1.transferablesOf)(pending.task));
        }
    }
    spawn() {
        if (this.threads.length >= this.size)
            return undefined;
        const thread = { worker: new node_worker_threads_1.Worker(this.workerFile), current: undefined };
        thread.worker.on('message', (answer) => {
            const current = thread.current;
            if (!current || current.id !== answer.id)
                return;
            thread.current = undefined;
            thread.worker.unref();
            if ('result' in answer)
                current.resolve(answer.result);
            else
                current.reject(Object.assign(new Error(answer.error.message), { stack: answer.error.stack }));
            this.dispatch();
        });
        const lost = (error) => {
            const index = this.threads.indexOf(thread);
            if (index >= 0)
                this.threads.splice(index, 1);
            thread.current?.reject(error);
            thread.current = undefined;
            if (!this.closed)
                this.dispatch();
        };
        thread.worker.on('error', lost);
        thread.worker.on('exit', (code) => lost(new Error(`a render thread exited with code ${code}`)));
        this.threads.push(thread);
        return thread;
    }
}
exports.RenderPool = RenderPool;
//# sourceMappingURL=render-pool.js.map