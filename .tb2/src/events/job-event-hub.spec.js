"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const app_config_1 = require("../config/app-config");
const job_event_hub_1 = require("./job-event-hub");
const JOB = '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10';
function row(id) {
    return { id: String(id), job_id: JOB, type: 'step.started', data: {}, created_at: new Date() };
}
function setUp(stored) {
    let reads = 0;
    const after = (afterId, limit) => stored.filter((r) => BigInt(r.id) > BigInt(afterId)).slice(0, limit);
    const feed = {
        eventsAfter: (_jobId, afterId, limit) => {
            reads++;
            return Promise.resolve(after(afterId, limit));
        },
        eventsAfterEach: (afterIds, limit) => {
            reads++;
            return Promise.resolve([...afterIds.values()].flatMap((id) => after(id, limit)));
        },
    };
    let changed = () => undefined;
    const notifier = {
        onChange: (listener) => {
            changed = listener;
            return () => undefined;
        },
    };
    const hub = new job_event_hub_1.JobEventHub(feed, notifier, new app_config_1.AppConfig({ APP_ROLE: 'api' }, false));
    return { hub, notify: () => changed(JOB), reads: () => reads };
}
class Watcher {
    lastId;
    got = [];
    constructor(lastId) {
        this.lastId = lastId;
    }
    receive(rows) {
        for (const r of rows)
            this.got.push(r.id);
        this.lastId = rows[rows.length - 1].id;
    }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
(0, node_test_1.describe)('job event hub', () => {
    (0, node_test_1.it)('reads a job once per change for all its watchers, each getting every later event once', async () => {
        const stored = [row(1), row(2), row(3)];
        const { hub, notify, reads } = setUp(stored);
        const watchers = Array.from({ length: 50 }, () => new Watcher('3'));
        for (const w of watchers)
            hub.watch(JOB, w);
        await settle();
        const readsAfterJoin = reads();
        stored.push(row(4), row(5));
        notify();
        await settle();
        strict_1.default.equal(reads() - readsAfterJoin, 1, 'one read for fifty watchers');
        for (const w of watchers)
            strict_1.default.deepEqual(w.got, ['4', '5']);
    });
    (0, node_test_1.it)('gives a watcher that joins behind the others what it missed, without gaps or repeats', async () => {
        const stored = [row(1), row(2), row(3), row(4)];
        const { hub } = setUp(stored);
        const ahead = new Watcher('4');
        const behind = new Watcher('1');
        hub.watch(JOB, ahead);
        hub.watch(JOB, behind);
        await settle();
        stored.push(row(5));
        hub.watch(JOB, new Watcher('5'));
        await settle();
        strict_1.default.deepEqual(behind.got, ['2', '3', '4', '5']);
        strict_1.default.deepEqual(ahead.got, ['5']);
    });
});
//# sourceMappingURL=job-event-hub.spec.js.map