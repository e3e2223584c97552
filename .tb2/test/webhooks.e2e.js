"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const gated_service_1 = require("./support/gated-service");
const http_client_1 = require("./support/http-client");
const contract_stub_1 = require("./support/contract-stub");
const test_env_1 = require("./support/test-env");
const use_orchestrator_1 = require("./support/use-orchestrator");
const webhook_receiver_1 = require("./support/webhook-receiver");
const SECRET = `whsec_${(0, node_crypto_1.randomBytes)(32).toString('base64')}`;
function signatureIsValid(received, secret) {
    const id = String(received.headers['webhook-id']);
    const timestamp = String(received.headers['webhook-timestamp']);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = (0, node_crypto_1.createHmac)('sha256', key).update(`${id}.${timestamp}.${received.body}`).digest();
    return String(received.headers['webhook-signature'])
        .split(' ')
        .some((entry) => {
        const [version, signature] = entry.split(',');
        const given = Buffer.from(signature ?? '', 'base64');
        return (version === 'v1' && given.length === expected.length && (0, node_crypto_1.timingSafeEqual)(given, expected));
    });
}
async function eventually(probe, what, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined)
            return value;
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}
(0, node_test_1.describe)('webhooks', () => {
    const receiver = new webhook_receiver_1.Receiver();
    const generator = new gated_service_1.GatedService('/generate', {
        job_id: 'gated',
        stems: { piano: '/stems/p.wav' },
    });
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [receiver, generator],
        env: () => ({
            SOUND_GENERATION_URL: generator.url,
            WEBHOOK_SECRET: SECRET,
            WEBHOOK_CREDENTIALS_KEY: (0, node_crypto_1.randomBytes)(32).toString('base64'),
            WEBHOOK_RETRY_DELAYS_MS: '100,200',
            WEBHOOK_POLL_INTERVAL_MS: '100',
            WEBHOOK_TIMEOUT_MS: '30000',
        }),
        beforeTeardown: () => receiver.releaseHeld(),
    });
    async function create(body) {
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'a chill lo-fi beat, 100 bpm',
            ...body,
        });
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        return res.body.job_id;
    }
    async function storedEvents(jobId, types) {
        const rows = await env.sql(`SELECT id::text AS id FROM job_events
        WHERE job_id = $1 AND ($2::text[] IS NULL OR type = ANY($2)) ORDER BY id`, [jobId, types ?? null]);
        return rows.map((r) => r.id);
    }
    async function webhooksOf(jobId) {
        const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/webhooks`);
        strict_1.default.equal(res.status, 200, JSON.stringify(res.body));
        return res.body;
    }
    function settledDeliveries(jobId, count) {
        return eventually(async () => {
            const { deliveries } = await webhooksOf(jobId);
            const settled = deliveries.length === count && deliveries.every((d) => d.status !== 'PENDING');
            return settled ? deliveries : undefined;
        }, `${count} settled deliveries of job ${jobId}`);
    }
    async function deliveryMetrics() {
        const res = await fetch(`${app.url}/metrics`);
        const text = await res.text();
        const counts = { delivered: 0, retrying: 0, failed: 0 };
        for (const [, outcome, value] of text.matchAll(/^orchestrator_webhook_deliveries_total\{outcome="(\w+)"\} (\d+)$/gm)) {
            counts[outcome] = Number(value);
        }
        return counts;
    }
    async function jobCount() {
        const [row] = await env.sql('SELECT count(*)::int AS n FROM jobs');
        return row.n;
    }
    (0, node_test_1.it)('delivers signed events of the chosen types only, and shows them at GET /jobs/{id}/webhooks', async () => {
        const url = receiver.on('/hooks/chosen', () => ({ status: 204 }));
        const types = ['job.status', 'step.succeeded'];
        const jobId = await create({ webhook_url: url, webhook_events: types });
        strict_1.default.equal((await (0, http_client_1.waitForJob)(app.url, jobId)).status, 'SUCCESS');
        const wanted = await storedEvents(jobId, types);
        strict_1.default.equal(wanted.length, 6, 'PENDING, PROCESSING, SUCCESS and three steps succeeded');
        const deliveries = await settledDeliveries(jobId, wanted.length);
        const received = receiver.forJob(jobId);
        strict_1.default.deepEqual(received.map((r) => r.headers['webhook-id']).sort(), wanted.map((id) => `msg_${id}`).sort(), 'one request per chosen event, none for the other types');
        for (const r of received) {
            strict_1.default.ok(signatureIsValid(r, SECRET), `signature of ${r.body}`);
            strict_1.default.ok(!signatureIsValid(r, `whsec_${(0, node_crypto_1.randomBytes)(32).toString('base64')}`));
            strict_1.default.equal(r.path, '/hooks/chosen');
            strict_1.default.match(String(r.headers['content-type']), /^application\/json/);
            const age = Date.now() / 1000 - Number(r.headers['webhook-timestamp']);
            strict_1.default.ok(Math.abs(age) < 300, 'webhook-timestamp is the current time in seconds');
            strict_1.default.ok(types.includes(r.parsed.type));
            strict_1.default.ok(!Number.isNaN(Date.parse(r.parsed.timestamp)));
            strict_1.default.deepEqual(Object.keys(r.parsed), ['type', 'timestamp', 'data']);
        }
        const statuses = received
            .filter((r) => r.parsed.type === 'job.status')
            .map((r) => r.parsed.data.status)
            .sort();
        strict_1.default.deepEqual(statuses, ['PENDING', 'PROCESSING', 'SUCCESS']);
        const view = await webhooksOf(jobId);
        strict_1.default.equal(view.webhook_url, url);
        strict_1.default.deepEqual(view.webhook_events, types);
        strict_1.default.deepEqual(deliveries.map((d) => [d.id, d.event_id, d.status, d.attempts, d.last_status_code]), wanted.map((id) => [`msg_${id}`, Number(id), 'DELIVERED', 1, 204]));
        for (const d of deliveries) {
            strict_1.default.ok(d.delivered_at);
            strict_1.default.equal(d.last_error, null);
            strict_1.default.equal(d.next_attempt_at, null);
        }
    });
    (0, node_test_1.it)('delivers every event type when webhook_events is omitted; a job without a webhook has none', async () => {
        receiver.on('/hooks/all', () => ({ status: 200 }));
        const url = `${receiver.url.replace('//', '//hook-user:s3cr%40t@')}/hooks/all`;
        const jobId = await create({ webhook_url: url });
        await (0, http_client_1.waitForJob)(app.url, jobId);
        const all = await storedEvents(jobId);
        const deliveries = await settledDeliveries(jobId, all.length);
        strict_1.default.ok(deliveries.every((d) => d.status === 'DELIVERED'));
        const received = receiver.forJob(jobId);
        strict_1.default.deepEqual(received.map((r) => r.headers['webhook-id']).sort(), all.map((id) => `msg_${id}`).sort());
        const basic = `Basic ${Buffer.from('hook-user:s3cr@t').toString('base64')}`;
        strict_1.default.ok(received.every((r) => r.headers.authorization === basic && r.path === '/hooks/all'));
        const view = await webhooksOf(jobId);
        strict_1.default.equal(view.webhook_events, null);
        strict_1.default.equal(view.webhook_url, url.replace('s3cr%40t', '***'), 'the password is not shown');
        const plain = await create({});
        await (0, http_client_1.waitForJob)(app.url, plain);
        strict_1.default.deepEqual(await webhooksOf(plain), {
            job_id: plain,
            webhook_url: null,
            webhook_events: null,
            deliveries: [],
        });
        const missing = await (0, http_client_1.requestJson)(`${app.url}/jobs/${(0, node_crypto_1.randomUUID)()}/webhooks`);
        strict_1.default.equal(missing.status, 404);
        strict_1.default.deepEqual(missing.body, { detail: 'Job not found' });
    });
    (0, node_test_1.it)('retries a delivery the receiver answered 500, records both attempts, and counts them in /metrics', async () => {
        const before = await deliveryMetrics();
        const url = receiver.on('/hooks/flaky', (attempt) => attempt === 1 ? { status: 500, body: 'database is restarting' } : { status: 200 });
        const jobId = await create({ webhook_url: url, webhook_events: ['job.status'] });
        await (0, http_client_1.waitForJob)(app.url, jobId);
        const deliveries = await settledDeliveries(jobId, 3);
        for (const d of deliveries) {
            strict_1.default.equal(d.status, 'DELIVERED');
            strict_1.default.equal(d.attempts, 2);
            strict_1.default.equal(d.last_status_code, 200);
            strict_1.default.equal(d.last_error, null);
        }
        const received = receiver.forJob(jobId);
        strict_1.default.equal(received.length, 6, 'two requests per event');
        for (const d of deliveries) {
            const attempts = received.filter((r) => r.headers['webhook-id'] === d.id);
            strict_1.default.equal(attempts.length, 2);
            strict_1.default.equal(attempts[0].body, attempts[1].body, 'a retry sends the same body');
            strict_1.default.ok(attempts.every((r) => signatureIsValid(r, SECRET)));
        }
        await eventually(async () => {
            const now = await deliveryMetrics();
            const delta = {
                delivered: now.delivered - before.delivered,
                retrying: now.retrying - before.retrying,
                failed: now.failed - before.failed,
            };
            return delta.delivered === 3 && delta.retrying === 3 && delta.failed === 0
                ? delta
                : undefined;
        }, 'orchestrator_webhook_deliveries_total to count 3 retrying and 3 delivered');
    });
    (0, node_test_1.it)('gives up after the retry schedule, or at once on 410 Gone, and says why', async () => {
        const before = await deliveryMetrics();
        const down = receiver.on('/hooks/down', () => ({ status: 503, body: 'maintenance' }));
        const gone = receiver.on('/hooks/gone', () => ({ status: 410 }));
        const moved = receiver.on('/hooks/moved', () => ({
            status: 307,
            headers: { location: `${receiver.url}/hooks/elsewhere` },
        }));
        const downJob = await create({ webhook_url: down, webhook_events: ['job.status'] });
        const goneJob = await create({ webhook_url: gone, webhook_events: ['job.status'] });
        const movedJob = await create({ webhook_url: moved, webhook_events: ['job.status'] });
        for (const d of await settledDeliveries(downJob, 3)) {
            strict_1.default.equal(d.status, 'FAILED');
            strict_1.default.equal(d.attempts, 3, 'the first attempt and the two retries of the schedule');
            strict_1.default.equal(d.last_status_code, 503);
            strict_1.default.match(d.last_error ?? '', /^receiver answered 503 Service Unavailable \(gave up after 3 attempts\)$/);
            strict_1.default.equal(d.next_attempt_at, null);
            strict_1.default.equal(d.delivered_at, null);
        }
        for (const d of await settledDeliveries(goneJob, 3)) {
            strict_1.default.equal(d.status, 'FAILED');
            strict_1.default.equal(d.attempts, 1);
            strict_1.default.equal(d.last_status_code, 410);
            strict_1.default.match(d.last_error ?? '', /the receiver wants no more deliveries/);
        }
        for (const d of await settledDeliveries(movedJob, 3)) {
            strict_1.default.equal(d.status, 'FAILED');
            strict_1.default.equal(d.last_status_code, 307);
        }
        strict_1.default.ok(!receiver.received.some((r) => r.path === '/hooks/elsewhere'));
        strict_1.default.equal((await (0, http_client_1.waitForJob)(app.url, downJob)).status, 'SUCCESS', 'the job is unaffected');
        await eventually(async () => {
            const now = await deliveryMetrics();
            return now.failed - before.failed === 9 && now.retrying - before.retrying === 12
                ? now
                : undefined;
        }, 'orchestrator_webhook_deliveries_total to count 9 failed and 12 retrying');
    });
    (0, node_test_1.it)('runs the job to SUCCESS while the receiver hangs, and delivers once it answers', async () => {
        const url = receiver.on('/hooks/hang', () => 'hang');
        generator.hold();
        const jobId = await create({ webhook_url: url });
        await eventually(() => (receiver.held.length > 0 ? true : undefined), 'the receiver to hold a delivery');
        generator.release();
        const job = await (0, http_client_1.waitForJob)(app.url, jobId, undefined, 10_000);
        strict_1.default.equal(job.status, 'SUCCESS');
        strict_1.default.ok(receiver.held.length > 0 && receiver.held.every((res) => !res.writableEnded), 'the receiver is still hanging');
        const view = await webhooksOf(jobId);
        strict_1.default.ok(view.deliveries.every((d) => d.status === 'PENDING' && d.delivered_at === null), 'nothing was delivered while the job ran to the end');
        receiver.releaseHeld();
        const all = await storedEvents(jobId);
        const deliveries = await settledDeliveries(jobId, all.length);
        strict_1.default.ok(deliveries.every((d) => d.status === 'DELIVERED'));
    });
    (0, node_test_1.it)('refuses bad webhook input with a 400 naming the field, storing nothing', async () => {
        const before = await jobCount();
        const ok = `${receiver.url}/hooks/any`;
        const cases = [
            [
                { webhook_url: 'ftp://example.com/hook' },
                'webhook_url',
                /webhook_url must be an absolute http\(s\) URL/,
            ],
            [
                { webhook_url: 'javascript:alert(1)' },
                'webhook_url',
                /webhook_url must be an absolute http\(s\) URL/,
            ],
            [
                { webhook_url: '/relative/hook' },
                'webhook_url',
                /webhook_url must be an absolute http\(s\) URL/,
            ],
            [{ webhook_url: 42 }, 'webhook_url', /webhook_url/],
            [
                { webhook_url: ok, webhook_events: ['job.status', 'job.finished'] },
                'webhook_events',
                /webhook_events has unknown event type "job.finished"; known types: job.status/,
            ],
            [{ webhook_url: ok, webhook_events: [] }, 'webhook_events', /at least one event type/],
            [{ webhook_url: ok, webhook_events: 'job.status' }, 'webhook_events', /must be an array/],
            [{ webhook_events: ['job.status'] }, 'webhook_events', /needs a webhook_url/],
        ];
        for (const [body, field, message] of cases) {
            const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'ok', ...body });
            strict_1.default.equal(res.status, 400, JSON.stringify(body));
            strict_1.default.match(res.body.detail, message, JSON.stringify(res.body));
            strict_1.default.ok(res.body.errors?.some((e) => e.field === field), `${JSON.stringify(res.body)} names ${field}`);
        }
        strict_1.default.equal(await jobCount(), before);
    });
});
(0, node_test_1.describe)('outbound URL guard on create-track', () => {
    const receiver = new webhook_receiver_1.Receiver();
    const { env } = (0, use_orchestrator_1.useOrchestrator)({ stub: false, app: false, helpers: [receiver] });
    for (const allowlist of ['', '10.0.0.0/8']) {
        (0, node_test_1.it)(`refuses loopback, private and link-local URLs with OUTBOUND_URL_ALLOWLIST="${allowlist}"`, async () => {
            const app = await (0, test_env_1.startApp)(env, {
                APP_ROLE: 'api',
                OUTBOUND_URL_ALLOWLIST: allowlist,
                WEBHOOK_SECRET: SECRET,
            });
            try {
                const port = new URL(receiver.url).port;
                const cases = [
                    ['webhook_url', `http://127.0.0.1:${port}/hooks`, /a loopback address \(127\.0\.0\.1\)/],
                    [
                        'webhook_url',
                        `http://localhost:${port}/hooks`,
                        /a loopback address \((127\.0\.0\.1|::1)\)/,
                    ],
                    ['webhook_url', `http://[::1]:${port}/hooks`, /a loopback address \(::1\)/],
                    ['webhook_url', 'http://169.254.169.254/latest/meta-data', /a link-local address/],
                    ['webhook_url', 'https://192.168.1.20/hooks', /a private address \(192\.168\.1\.20\)/],
                    ['webhook_url', `http://[::ffff:127.0.0.1]:${port}/hooks`, /webhook_url/],
                    ['reference_track_url', `http://127.0.0.1:${port}/ref.wav`, /a loopback address/],
                    ['reference_track_url', `http://localhost:${port}/ref.wav`, /a loopback address/],
                ];
                for (const [field, url, message] of cases) {
                    const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'ok', [field]: url });
                    strict_1.default.equal(res.status, 400, `${url}: ${JSON.stringify(res.body)}`);
                    strict_1.default.match(res.body.detail, new RegExp(`^${field}`), JSON.stringify(res.body));
                    strict_1.default.match(res.body.detail, message);
                    strict_1.default.deepEqual(res.body.errors?.map((e) => e.field), [field]);
                }
                const [{ n }] = await env.sql('SELECT count(*)::int AS n FROM jobs');
                strict_1.default.equal(n, 0, 'nothing is stored for a refused request');
                strict_1.default.equal(receiver.received.length, 0, 'nothing is called');
                if (allowlist) {
                    const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
                        prompt: 'ok',
                        webhook_url: 'http://10.20.30.40/hooks',
                    });
                    strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
                    await env.sql('DELETE FROM jobs');
                }
            }
            finally {
                await app.stop();
            }
        });
    }
    (0, node_test_1.it)('refuses, while the job runs, a redirect or a connection to an address the allow-list does not permit', async () => {
        const stubs = new contract_stub_1.ContractStub();
        const internal = new webhook_receiver_1.Receiver();
        await stubs.start();
        await internal.start();
        const app = await (0, test_env_1.startApp)(env, {
            ...stubs.env(),
            OUTBOUND_URL_ALLOWLIST: 'localhost',
            WEBHOOK_SECRET: SECRET,
        });
        try {
            const port = new URL(receiver.url).port;
            receiver.on('/ref.wav', () => ({
                status: 302,
                headers: { location: `${internal.url}/ref.wav` },
            }));
            receiver.on('/hooks/named', () => ({ status: 204 }));
            const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
                prompt: 'ok',
                reference_track_url: `http://localhost:${port}/ref.wav`,
                webhook_url: `http://localhost:${port}/hooks/named`,
                webhook_events: ['job.status'],
            });
            strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
            const job = await (0, http_client_1.waitForJob)(app.url, res.body.job_id);
            strict_1.default.equal(job.status, 'FAILURE');
            strict_1.default.equal(job.error?.step, 'analyze_style');
            strict_1.default.match(job.error?.message ?? '', /reference_track_url .*loopback address \(127\.0\.0\.1\)/);
            const analyze = job.steps.find((step) => step.name === 'analyze_style');
            strict_1.default.equal(analyze?.attempts, 1, 'a refusal is permanent: retrying cannot help');
            strict_1.default.equal(internal.received.length, 0, 'the redirect target was never called');
            strict_1.default.equal(stubs.callsTo('analyze').length, 0);
            await eventually(() => (receiver.forJob(res.body.job_id).length === 3 ? true : undefined), 'the three job.status deliveries to the allow-listed name');
            strict_1.default.ok(receiver.forJob(res.body.job_id).every((r) => r.path === '/hooks/named'));
        }
        finally {
            await app.stop();
            await internal.stop();
            await stubs.stop();
        }
    });
});
(0, node_test_1.describe)('webhooks on a server without WEBHOOK_SECRET', () => {
    const receiver = new webhook_receiver_1.Receiver();
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        helpers: [receiver],
        env: { APP_ROLE: 'api' },
    });
    (0, node_test_1.it)('refuses webhook_url with a 400 naming it and the missing secret, and takes jobs without one', async () => {
        const refused = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'ok', webhook_url: `${receiver.url}/hooks/any`, webhook_events: ['job.status'] });
        strict_1.default.equal(refused.status, 400, JSON.stringify(refused.body));
        strict_1.default.match(refused.body.detail, /^webhook_url .*no WEBHOOK_SECRET configured/);
        strict_1.default.deepEqual(refused.body.errors?.map((e) => e.field), ['webhook_url']);
        const [{ n }] = await env.sql('SELECT count(*)::int AS n FROM jobs');
        strict_1.default.equal(n, 0, 'nothing is stored for a refused request');
        const plain = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'ok', webhook_url: null });
        strict_1.default.equal(plain.status, 202, JSON.stringify(plain.body));
        strict_1.default.equal(receiver.received.length, 0);
    });
});
//# sourceMappingURL=webhooks.e2e.js.map