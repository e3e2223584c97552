"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const typeorm_1 = require("typeorm");
const job_event_stream_1 = require("../src/events/job-event-stream");
const api_keys_1 = require("./support/api-keys");
const gated_service_1 = require("./support/gated-service");
const http_client_1 = require("./support/http-client");
const sse_client_1 = require("./support/sse-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const eventually_1 = require("./support/eventually");
const STREAM_CAP = 3;
function countEventReads(app) {
    const db = app.app.get(typeorm_1.DataSource);
    const original = db.query.bind(db);
    let count = 0;
    db.query = ((sql, ...rest) => {
        if (/FROM job_events/i.test(sql))
            count++;
        return original(sql, ...rest);
    });
    return {
        get count() {
            return count;
        },
        stop: () => {
            db.query = original;
        },
    };
}
(0, node_test_1.describe)('SSE bounds', () => {
    const generator = new gated_service_1.GatedService('/generate', {
        job_id: 'gated',
        stems: { piano: '/stems/p.wav' },
    });
    const keys = {};
    const clients = [];
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [generator],
        beforeStart: async () => {
            keys.alice = await (0, api_keys_1.createApiKey)(harness.env, 'alice');
            keys.bob = await (0, api_keys_1.createApiKey)(harness.env, 'bob');
        },
        env: () => ({
            SOUND_GENERATION_URL: generator.url,
            APP_ROLE: 'api',
            SSE_MAX_STREAMS_PER_KEY: String(STREAM_CAP),
            SSE_POLL_INTERVAL_MS: '100',
        }),
        beforeTeardown: () => {
            for (const client of clients)
                client.close();
            generator.release();
        },
    });
    const { app: api } = harness;
    (0, node_test_1.before)(async () => {
        await harness.startApp({
            SOUND_GENERATION_URL: generator.url,
            SOUND_GENERATION_CONCURRENCY: '0',
            APP_ROLE: 'worker',
        });
    });
    (0, node_test_1.after)(() => generator.release());
    const auth = (owner) => ({ authorization: `Bearer ${keys[owner]}` });
    function connect(base, jobId, headers) {
        const client = new sse_client_1.SseClient(`${base}/jobs/${jobId}/events`, headers);
        client.opened.catch(() => undefined);
        clients.push(client);
        return client;
    }
    async function runningJob(owner, base = api.url) {
        generator.hold();
        const res = await (0, http_client_1.postJson)(`${base}/create-track`, { prompt: 'a chill lo-fi beat, 100 bpm' }, auth(owner));
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        const jobId = res.body.job_id;
        await (0, eventually_1.eventually)(async () => {
            const job = await (0, http_client_1.requestJson)(`${base}/jobs/${jobId}`, { headers: auth(owner) });
            return job.body.steps?.some((s) => s.name === 'generate_sound' && s.status === 'RUNNING');
        }, `job ${jobId} to reach generate_sound`);
        return jobId;
    }
    (0, node_test_1.it)('refuses a stream beyond SSE_MAX_STREAMS_PER_KEY with 429, per key, and frees the slot on close', async () => {
        const jobId = await runningJob('alice');
        const open = Array.from({ length: STREAM_CAP }, () => connect(api.url, jobId, auth('alice')));
        for (const client of open)
            await client.opened;
        strict_1.default.deepEqual(open.map((c) => c.status), Array(STREAM_CAP).fill(200));
        const refused = await (0, http_client_1.requestJson)(`${api.url}/jobs/${jobId}/events`, {
            headers: { accept: 'text/event-stream', ...auth('alice') },
            signal: AbortSignal.timeout(5_000),
        });
        strict_1.default.equal(refused.status, 429);
        strict_1.default.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when');
        strict_1.default.match(refused.body.detail, /Too many open event streams/);
        const bobs = connect(api.url, await runningJob('bob'), auth('bob'));
        await bobs.opened;
        strict_1.default.equal(bobs.status, 200);
        open[0].close();
        await (0, eventually_1.eventually)(async () => {
            const again = connect(api.url, jobId, auth('alice'));
            await again.opened;
            if (again.status === 200)
                return true;
            again.close();
            return false;
        }, "alice's slot to come back");
        for (const client of [...open, bobs])
            client.close();
        generator.release();
    });
    (0, node_test_1.it)('reads job_events once per poll interval however many streams are open', async () => {
        const many = await harness.startApp({
            SOUND_GENERATION_URL: generator.url,
            APP_ROLE: 'api',
            SSE_MAX_STREAMS_PER_KEY: '0',
            SSE_POLL_INTERVAL_MS: '100',
        });
        const jobs = [await runningJob('alice'), await runningJob('alice')];
        const streams = Array.from({ length: 30 }, (_, i) => connect(many.url, jobs[i % 2], auth('alice')));
        for (const client of streams)
            await client.opened;
        for (const client of streams)
            await client.until(() => client.events.length > 0, 'history');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const reads = countEventReads(many);
        const started = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const intervals = (Date.now() - started) / 100;
        reads.stop();
        strict_1.default.ok(reads.count <= intervals + 2, `${reads.count} reads of job_events in ${intervals} poll intervals with 30 streams`);
        strict_1.default.ok(reads.count > 0, 'the poll still runs');
        for (const client of streams)
            client.close();
        generator.release();
    });
    (0, node_test_1.it)('ends a stream after SSE_MAX_STREAM_SECONDS with a reconnect comment; Last-Event-ID resumes', async () => {
        const short = await harness.startApp({
            SOUND_GENERATION_URL: generator.url,
            APP_ROLE: 'api',
            SSE_MAX_STREAM_SECONDS: '1',
        });
        const jobId = await runningJob('alice');
        const first = connect(short.url, jobId, auth('alice'));
        await first.untilEnded(10_000);
        strict_1.default.equal(first.comments.at(-1), job_event_stream_1.RECONNECT_COMMENT, 'the last frame says to reconnect');
        const seen = first.events.map((e) => e.id);
        strict_1.default.ok(seen.length > 0);
        strict_1.default.ok(!first.events.some((e) => e.type === 'job.status' && e.data.status === 'SUCCESS'), 'the job was still running');
        const resumed = connect(short.url, jobId, {
            ...auth('alice'),
            'last-event-id': String(seen.at(-1)),
        });
        await resumed.opened;
        strict_1.default.equal(resumed.status, 200);
        generator.release();
        await resumed.until(() => resumed.events.some((e) => e.type === 'job.status' && e.data.status === 'SUCCESS'), 'the rest of the job');
        const stored = await harness.env.sql('SELECT id::text AS id FROM job_events WHERE job_id = $1 ORDER BY id', [jobId]);
        strict_1.default.deepEqual([...seen, ...resumed.events.map((e) => e.id)].map(String), stored.map((r) => r.id), 'the two streams together are the whole history, once');
    });
});
(0, node_test_1.describe)('SSE stream cap in loopback-only mode', () => {
    const generator = new gated_service_1.GatedService('/generate', {
        job_id: 'gated',
        stems: { piano: '/stems/p.wav' },
    });
    const clients = [];
    const { app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [generator],
        env: () => ({ SOUND_GENERATION_URL: generator.url, SSE_MAX_STREAMS_PER_KEY: '1' }),
        beforeTeardown: () => {
            for (const client of clients)
                client.close();
            generator.release();
        },
    });
    (0, node_test_1.it)('gives each client address its own SSE_MAX_STREAMS_PER_KEY', async () => {
        generator.hold();
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'a chill lo-fi beat, 100 bpm',
        });
        strict_1.default.equal(res.status, 202);
        const url = `${app.url}/jobs/${res.body.job_id}/events`;
        const open = (from) => {
            const client = new sse_client_1.SseClient(url, {}, from);
            client.opened.catch(() => undefined);
            clients.push(client);
            return client.opened.then(() => client.status);
        };
        strict_1.default.equal(await open('127.0.0.1'), 200);
        strict_1.default.equal(await open('127.0.0.1'), 429, 'the same address is over its cap');
        strict_1.default.equal(await open('127.0.0.2'), 200, 'another loopback address has its own');
        generator.release();
    });
});
//# sourceMappingURL=sse-bounds.e2e.js.map