"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const api_key_cli_1 = require("./support/api-key-cli");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
(0, node_test_1.describe)('API keys, ownership, rate limit, CORS and security headers', () => {
    let alice;
    let bob;
    let admin;
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        beforeStart: async () => {
            alice = await (0, api_key_cli_1.createKey)(harness.env, 'alice');
            bob = await (0, api_key_cli_1.createKey)(harness.env, 'bob');
            admin = await (0, api_key_cli_1.createKey)(harness.env, 'ops', true);
        },
        env: { RATE_LIMIT_CREATE_PER_MINUTE: '3', CORS_ORIGINS: 'https://studio.example.com' },
    });
    const { env, app } = harness;
    (0, node_test_1.it)('prints the new key alone on the last line and stores only its hash', async () => {
        strict_1.default.match(alice, /^tok_[A-Za-z0-9_-]{43}$/);
        const rows = await env.sql('SELECT name, key_hash FROM api_keys ORDER BY name');
        strict_1.default.deepEqual(rows.map((r) => r.name), ['alice', 'bob', 'ops']);
        strict_1.default.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash) && !r.key_hash.includes(alice)));
    });
    (0, node_test_1.it)('requires a valid key once keys exist, except for health', async () => {
        const missing = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'x' });
        strict_1.default.equal(missing.status, 401);
        strict_1.default.match(String(missing.body.detail), /API key required/);
        const wrong = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'x' }, { authorization: 'Bearer tok_nope' });
        strict_1.default.equal(wrong.status, 401);
        strict_1.default.equal(wrong.body.detail, 'Invalid API key');
        strict_1.default.equal((await (0, http_client_1.requestJson)(`${app.url}/`)).status, 200);
        strict_1.default.equal((await fetch(`${app.url}/docs-json`)).status, 200);
    });
    (0, node_test_1.it)("lets a key see its own jobs only; another key's job is 404; an admin sees all", async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'mine' }, { 'x-api-key': alice });
        strict_1.default.equal(created.status, 202);
        const id = created.body.job_id;
        const own = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, {
            headers: { authorization: `Bearer ${alice}` },
        });
        strict_1.default.equal(own.status, 200);
        const other = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, { headers: { 'x-api-key': bob } });
        strict_1.default.equal(other.status, 404);
        strict_1.default.deepEqual(other.body, { detail: 'Job not found' });
        const cancelOther = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/cancel`, {
            method: 'POST',
            headers: { 'x-api-key': bob },
        });
        strict_1.default.equal(cancelOther.status, 404);
        strict_1.default.equal((await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, { headers: { 'x-api-key': admin } })).status, 200);
        const [row] = await env.sql('SELECT owner FROM jobs WHERE id = $1', [id]);
        strict_1.default.equal(row.owner, 'alice');
    });
    (0, node_test_1.it)('shows the queue dashboard to admin keys only, with a Basic challenge for browsers', async () => {
        const anonymous = await fetch(`${app.url}/admin/queues`);
        strict_1.default.equal(anonymous.status, 401);
        strict_1.default.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic realm="Queue dashboard"/);
        const user = await (0, http_client_1.requestJson)(`${app.url}/admin/queues/api/queues`, {
            headers: { 'x-api-key': alice },
        });
        strict_1.default.equal(user.status, 403);
        strict_1.default.match(String(user.body.detail), /admin API key/);
        const basic = `Basic ${Buffer.from(`ops:${admin}`).toString('base64')}`;
        const page = await fetch(`${app.url}/admin/queues`, { headers: { authorization: basic } });
        strict_1.default.equal(page.status, 200);
        strict_1.default.match(page.headers.get('content-type') ?? '', /text\/html/);
        const queues = await (0, http_client_1.requestJson)(`${app.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin}` } });
        strict_1.default.equal(queues.status, 200);
        strict_1.default.deepEqual(queues.body.queues.map((q) => q.name), ['pipeline']);
    });
    (0, node_test_1.it)('rate-limits creation per key from the first create of a fresh process, with 429 and Retry-After', async () => {
        const fresh = await harness.startApp({
            APP_ROLE: 'api',
            RATE_LIMIT_CREATE_PER_MINUTE: '3',
        });
        try {
            const statuses = [];
            let retryAfter = null;
            for (let i = 0; i < 4; i++) {
                const res = await (0, http_client_1.postJson)(`${fresh.url}/create-track`, { prompt: `burst ${i}` }, { 'x-api-key': bob });
                statuses.push(res.status);
                if (res.status === 429)
                    retryAfter = res.headers.get('retry-after');
            }
            strict_1.default.deepEqual(statuses, [202, 202, 202, 429]);
            strict_1.default.ok(Number(retryAfter) >= 55 && Number(retryAfter) <= 61, `Retry-After ${retryAfter}`);
            const again = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'x' }, { 'x-api-key': bob });
            strict_1.default.equal(again.status, 429, 'every process shares the window');
            const otherKey = await (0, http_client_1.postJson)(`${fresh.url}/create-track`, { prompt: 'admin is separate' }, { 'x-api-key': admin });
            strict_1.default.equal(otherKey.status, 202, 'the limit is per key');
        }
        finally {
            await fresh.stop();
        }
    });
    (0, node_test_1.it)('serves /metrics to admin keys only, by Bearer as Prometheus sends it', async () => {
        strict_1.default.equal((await fetch(`${app.url}/metrics`)).status, 401);
        const user = await (0, http_client_1.requestJson)(`${app.url}/metrics`, { headers: { 'x-api-key': alice } });
        strict_1.default.equal(user.status, 403);
        strict_1.default.match(String(user.body.detail), /admin API key/);
        const scrape = await fetch(`${app.url}/metrics`, {
            headers: { authorization: `Bearer ${admin}` },
        });
        strict_1.default.equal(scrape.status, 200);
        strict_1.default.match(await scrape.text(), /orchestrator_jobs_created_total \d+/);
        strict_1.default.equal((await fetch(`${app.url}/health/live`)).status, 200, 'health stays public');
    });
    (0, node_test_1.it)('documents both key schemes on every route but health and docs, and 401 with them', async () => {
        const doc = await (0, http_client_1.requestJson)(`${app.url}/docs-json`);
        strict_1.default.deepEqual(Object.keys(doc.body.components.securitySchemes).sort(), [
            'api-key',
            'bearer',
        ]);
        strict_1.default.equal(doc.body.components.securitySchemes['api-key'].name, 'X-API-Key');
        const keyed = { security: [{ bearer: [] }, { 'api-key': [] }] };
        for (const [path, method] of [
            ['/create-track', 'post'],
            ['/jobs/{job_id}', 'get'],
            ['/jobs/{job_id}/artifacts', 'get'],
            ['/metrics', 'get'],
        ]) {
            const operation = doc.body.paths[path][method];
            strict_1.default.deepEqual({ security: operation.security }, keyed, `${method} ${path}`);
            strict_1.default.ok('401' in operation.responses, `${method} ${path} documents 401`);
        }
        strict_1.default.equal(doc.body.paths['/health/ready'].get.security, undefined);
    });
    (0, node_test_1.it)('answers CORS preflights for allowed origins only, and sends security headers', async () => {
        const preflight = await fetch(`${app.url}/create-track`, {
            method: 'OPTIONS',
            headers: { origin: 'https://studio.example.com', 'access-control-request-method': 'POST' },
        });
        strict_1.default.equal(preflight.headers.get('access-control-allow-origin'), 'https://studio.example.com');
        const wanted = ['range', 'if-range', 'if-none-match', 'idempotency-key', 'last-event-id'];
        const download = await fetch(`${app.url}/artifacts/output/x.wav`, {
            method: 'OPTIONS',
            headers: {
                origin: 'https://studio.example.com',
                'access-control-request-method': 'GET',
                'access-control-request-headers': [...wanted, 'x-api-key'].join(','),
            },
        });
        strict_1.default.equal(download.status, 204);
        strict_1.default.equal(download.headers.get('access-control-allow-origin'), 'https://studio.example.com');
        const allowed = (download.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
        for (const header of wanted)
            strict_1.default.ok(allowed.includes(header), `allows ${header}`);
        const read = await fetch(`${app.url}/jobs`, {
            headers: { origin: 'https://studio.example.com', 'x-api-key': alice },
        });
        const exposed = (read.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
        for (const header of [
            'content-range',
            'accept-ranges',
            'etag',
            'content-length',
            'x-request-id',
            'retry-after',
        ])
            strict_1.default.ok(exposed.includes(header), `exposes ${header}`);
        const foreign = await fetch(`${app.url}/`, { headers: { origin: 'https://evil.example.com' } });
        strict_1.default.equal(foreign.headers.get('access-control-allow-origin'), null);
        strict_1.default.equal(foreign.headers.get('x-content-type-options'), 'nosniff');
        strict_1.default.ok(foreign.headers.get('x-frame-options'));
    });
});
(0, node_test_1.describe)('loopback-only mode (no API keys)', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({ stub: false, app: false });
    let app;
    (0, node_test_1.before)(async () => {
        app = await harness.startProcess('loopback-only', {
            APP_ROLE: 'api',
            HOST: '0.0.0.0',
            LOG_LEVEL: 'info',
        });
    });
    (0, node_test_1.it)('says so in the start-up log', () => {
        strict_1.default.match(app.output, /No API keys configured: loopback-only mode/);
    });
    (0, node_test_1.it)('serves a direct loopback client, and refuses one that came through a proxy', async () => {
        strict_1.default.equal((await (0, http_client_1.requestJson)(`${app.url}/jobs`)).status, 200);
        const proxied = [
            { 'x-forwarded-for': '203.0.113.7' },
            { forwarded: 'for=203.0.113.7;proto=https' },
            { 'x-real-ip': '203.0.113.7' },
        ];
        for (const headers of proxied) {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs`, { headers });
            strict_1.default.equal(res.status, 401, JSON.stringify(headers));
            strict_1.default.match(String(res.body.detail), /only.*came through a proxy/, JSON.stringify(headers));
        }
        strict_1.default.equal((await fetch(`${app.url}/health/live`, { headers: { 'x-forwarded-for': '203.0.113.7' } }))
            .status, 200, 'health stays public');
    });
});
//# sourceMappingURL=auth.e2e.js.map