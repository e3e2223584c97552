"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const ioredis_1 = __importDefault(require("ioredis"));
const job_events_stream_service_1 = require("../src/events/job-events-stream.service");
const gated_service_1 = require("./support/gated-service");
const sse_client_1 = require("./support/sse-client");
const http_client_1 = require("./support/http-client");
const tcp_proxy_1 = require("./support/tcp-proxy");
const test_env_1 = require("./support/test-env");
const use_orchestrator_1 = require("./support/use-orchestrator");
const EXPECTED_TYPES = [
    ['job.status', 'PENDING'],
    ['job.status', 'PROCESSING'],
    ['step.started', 'parse_prompt'],
    ['step.succeeded', 'parse_prompt'],
    ['step.started', 'generate_sound'],
    ['step.succeeded', 'generate_sound'],
    ['step.started', 'mix_master'],
    ['step.succeeded', 'mix_master'],
    ['job.status', 'SUCCESS'],
];
function summary(events) {
    return events.map((e) => [e.type, String(e.data.status ?? e.data.step)]);
}
(0, node_test_1.describe)('job events over SSE', () => {
    const generator = new gated_service_1.GatedService('/generate', {
        job_id: 'gated',
        stems: { piano: '/stems/p.wav' },
    });
    const clients = [];
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [generator],
        env: () => ({
            SOUND_GENERATION_URL: generator.url,
            APP_ROLE: 'api',
            SSE_POLL_INTERVAL_MS: '60000',
            SSE_KEEPALIVE_MS: '100',
        }),
        beforeTeardown: () => {
            for (const client of clients)
                client.close();
            generator.release();
        },
    });
    const { env, app: api } = harness;
    let deafApi;
    (0, node_test_1.before)(async () => {
        await harness.startApp({ SOUND_GENERATION_URL: generator.url, APP_ROLE: 'worker' });
        deafApi = await harness.startApp({
            SOUND_GENERATION_URL: generator.url,
            APP_ROLE: 'api',
            QUEUE_PREFIX: `${env.name}_deaf`,
            SSE_POLL_INTERVAL_MS: '100',
            SSE_KEEPALIVE_MS: '60000',
        });
    });
    function connect(base, jobId, headers, query = '') {
        const client = new sse_client_1.SseClient(`${base}/jobs/${jobId}/events${query}`, headers);
        client.opened.catch(() => undefined);
        clients.push(client);
        return client;
    }
    async function create() {
        const res = await (0, http_client_1.postJson)(`${api.url}/create-track`, {
            prompt: 'a chill lo-fi beat, 100 bpm',
        });
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        return res.body.job_id;
    }
    async function storedEvents(jobId) {
        return env.sql('SELECT id::text AS id, type FROM job_events WHERE job_id = $1 ORDER BY id', [
            jobId,
        ]);
    }
    let finishedJob;
    (0, node_test_1.it)('streams every event of a job in order and closes after the terminal one', async () => {
        const jobId = await create();
        const client = connect(api.url, jobId);
        await client.opened;
        strict_1.default.equal(client.status, 200);
        strict_1.default.match(String(client.headers['content-type']), /^text\/event-stream/);
        strict_1.default.equal(client.headers['cache-control'], 'no-cache, no-transform');
        await client.untilEnded();
        strict_1.default.equal(client.frames[0].retry, 3000, 'the first frame tells EventSource when to retry');
        const events = client.events;
        strict_1.default.deepEqual(summary(events), EXPECTED_TYPES);
        for (const [i, event] of events.entries()) {
            const frame = client.frames.filter((f) => f.data !== undefined)[i];
            strict_1.default.equal(frame.id, String(event.id), 'the SSE id is the event id');
            strict_1.default.equal(frame.event, event.type, 'the SSE event name is the event type');
            strict_1.default.equal(event.job_id, jobId);
            strict_1.default.ok(!Number.isNaN(Date.parse(event.created_at)));
            if (i > 0)
                strict_1.default.ok(event.id > events[i - 1].id, 'ids increase');
        }
        const stored = await storedEvents(jobId);
        strict_1.default.deepEqual(events.map((e) => [String(e.id), e.type]), stored.map((e) => [e.id, e.type]), 'the stream is the stored history, nothing more or less');
        finishedJob = { jobId, ids: events.map((e) => e.id) };
    });
    (0, node_test_1.it)('resumes after Last-Event-ID (header or query) with only the later events', async () => {
        const { jobId, ids } = finishedJob;
        const resumed = connect(api.url, jobId, { 'last-event-id': String(ids[3]) });
        await resumed.untilEnded();
        strict_1.default.equal(resumed.status, 200);
        strict_1.default.deepEqual(resumed.events.map((e) => e.id), ids.slice(4));
        const byQuery = connect(api.url, jobId, {}, `?last_event_id=${ids[6]}`);
        await byQuery.untilEnded();
        strict_1.default.deepEqual(byQuery.events.map((e) => e.id), ids.slice(7));
        const both = await (0, http_client_1.requestJson)(`${api.url}/jobs/${jobId}/events?last_event_id=${ids[0]}`, {
            headers: { 'last-event-id': String(ids[7]) },
        });
        strict_1.default.equal(both.status, 200);
        strict_1.default.deepEqual(both.body.split('\n').filter((line) => line.startsWith('id: ')), [`id: ${ids[8]}`]);
        const done = await (0, http_client_1.requestJson)(`${api.url}/jobs/${jobId}/events`, {
            headers: { 'last-event-id': String(ids[8]) },
        });
        strict_1.default.equal(done.status, 204);
        strict_1.default.equal(done.body, '');
    });
    (0, node_test_1.it)("pushes a worker's events to the stream as they happen", async () => {
        generator.hold();
        const jobId = await create();
        const client = connect(api.url, jobId);
        await client.until(() => client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'), 'generate_sound to start');
        strict_1.default.equal(client.ended, false, 'the stream stays open while the job runs');
        const seenBefore = client.events.length;
        generator.release();
        await client.untilEnded(20_000);
        strict_1.default.deepEqual(summary(client.events), EXPECTED_TYPES);
        strict_1.default.ok(client.events.length > seenBefore);
        const job = await (0, http_client_1.waitForJob)(api.url, jobId);
        strict_1.default.equal(job.status, 'SUCCESS');
    });
    (0, node_test_1.it)('sends keep-alive comments while the job is idle, and frees the stream when the client leaves', async () => {
        generator.hold();
        const jobId = await create();
        const client = connect(api.url, jobId);
        await client.until(() => client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'), 'generate_sound to start');
        const eventsSoFar = client.events.length;
        await client.until(() => client.comments.filter((c) => c === 'ping').length >= 2, 'two keep-alive comments');
        strict_1.default.equal(client.events.length, eventsSoFar, 'a keep-alive is not an event');
        strict_1.default.equal(client.ended, false);
        const streams = api.app.get(job_events_stream_service_1.JobEventsStreamService);
        strict_1.default.ok(streams.openStreams >= 1);
        client.close();
        const deadline = Date.now() + 10_000;
        while (streams.openStreams > 0 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
        strict_1.default.equal(streams.openStreams, 0, 'a client that leaves releases its stream');
        generator.release();
        strict_1.default.equal((await (0, http_client_1.waitForJob)(api.url, jobId)).status, 'SUCCESS');
    });
    (0, node_test_1.it)('still delivers every event by polling when no notification arrives', async () => {
        generator.hold();
        const jobId = await create();
        const client = connect(deafApi.url, jobId);
        await client.until(() => client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'), 'generate_sound to start');
        generator.release();
        await client.untilEnded();
        strict_1.default.deepEqual(summary(client.events), EXPECTED_TYPES);
    });
    (0, node_test_1.it)('takes a notification published by another process (Redis pub/sub) as a cue to read', async () => {
        generator.hold();
        const jobId = await create();
        const client = connect(api.url, jobId);
        await client.until(() => client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'), 'generate_sound to start');
        const count = client.events.length;
        const [inserted] = await env.sql(`INSERT INTO job_events (job_id, type, data) VALUES ($1, 'cancel.requested', '{}')
       RETURNING id::text AS id`, [jobId]);
        const redis = new ioredis_1.default(test_env_1.REDIS_BASE_URL);
        try {
            await redis.publish(`${env.name}:job-events`, jobId);
        }
        finally {
            await redis.quit();
        }
        await client.until(() => client.events.length > count, 'the announced event');
        strict_1.default.equal(client.events[count].id, Number(inserted.id));
        strict_1.default.equal(client.events[count].type, 'cancel.requested');
        generator.release();
        await client.untilEnded();
    });
    (0, node_test_1.it)('ends open streams when the server shuts down, so they do not hold the shutdown', async () => {
        generator.hold();
        const jobId = await create();
        const extra = await (0, test_env_1.startApp)(env, { APP_ROLE: 'api', SSE_KEEPALIVE_MS: '60000' });
        let closed = false;
        try {
            const client = connect(extra.url, jobId);
            await client.until(() => client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'), 'generate_sound to start');
            await extra.close();
            closed = true;
            await client.untilEnded();
        }
        finally {
            if (!closed)
                await extra.stop();
            generator.release();
        }
        strict_1.default.equal((await (0, http_client_1.waitForJob)(api.url, jobId)).status, 'SUCCESS');
    });
    (0, node_test_1.it)('subscribes once Redis is reachable when it was not at boot', async () => {
        const redisPort = Number(new URL(test_env_1.REDIS_BASE_URL).port || 6379);
        const proxy = new tcp_proxy_1.TcpProxy(new URL(test_env_1.REDIS_BASE_URL).hostname, redisPort);
        const redis = new ioredis_1.default(test_env_1.REDIS_BASE_URL);
        const channel = `${env.name}:job-events`;
        const subscribers = async () => (await redis.pubsub('NUMSUB', channel))[1];
        await proxy.start();
        proxy.cut();
        const late = await (0, test_env_1.startApp)(env, {
            APP_ROLE: 'api',
            REDIS_URL: `redis://127.0.0.1:${proxy.port}/0`,
            SSE_POLL_INTERVAL_MS: '60000',
        });
        try {
            const before = await subscribers();
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            proxy.restore();
            const deadline = Date.now() + 15_000;
            while ((await subscribers()) === before && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            strict_1.default.equal(await subscribers(), before + 1, 'the late API subscribed');
            generator.hold();
            const jobId = await create();
            const client = connect(late.url, jobId);
            await client.until(() => client.events.some((e) => e.type === 'step.started' && e.data.step === 'generate_sound'), 'generate_sound to start');
            generator.release();
            await client.untilEnded(20_000);
            strict_1.default.deepEqual(summary(client.events), EXPECTED_TYPES);
        }
        finally {
            generator.release();
            proxy.restore();
            await late.stop();
            await proxy.stop();
            await redis.quit();
        }
    });
    (0, node_test_1.it)('answers 404 for an unknown job and 400 for a malformed Last-Event-ID', async () => {
        for (const id of [(0, node_crypto_1.randomUUID)(), 'not-a-job']) {
            const res = await (0, http_client_1.requestJson)(`${api.url}/jobs/${id}/events`);
            strict_1.default.equal(res.status, 404);
            strict_1.default.deepEqual(res.body, { detail: 'Job not found' });
        }
        const jobId = finishedJob.jobId;
        for (const bad of ['abc', '-1', '1.5', '12345678901234567890']) {
            const res = await (0, http_client_1.requestJson)(`${api.url}/jobs/${jobId}/events`, { headers: { 'last-event-id': bad } });
            strict_1.default.equal(res.status, 400, bad);
            strict_1.default.match(res.body.detail, /Last-Event-ID must be a job event id/);
            strict_1.default.deepEqual(res.body.errors.map((e) => e.field), ['Last-Event-ID']);
        }
        const res = await (0, http_client_1.requestJson)(`${api.url}/jobs/${jobId}/events?last_event_id=abc`);
        strict_1.default.equal(res.status, 400);
        strict_1.default.match(JSON.stringify(res.body), /last_event_id must be a job event id/);
    });
});
//# sourceMappingURL=events.e2e.js.map