"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const api_keys_1 = require("./support/api-keys");
const file_server_1 = require("./support/file-server");
const http_client_1 = require("./support/http-client");
const raw_connection_1 = require("./support/raw-connection");
const use_orchestrator_1 = require("./support/use-orchestrator");
const wav_fixture_1 = require("./support/wav-fixture");
const REQUEST_TIMEOUT_MS = 1_000;
(0, node_test_1.describe)('slow and unauthenticated request bodies', () => {
    let alice = '';
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        beforeStart: async () => {
            alice = await (0, api_keys_1.createApiKey)(env, 'alice');
        },
        env: { APP_ROLE: 'api', REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
    });
    (0, node_test_1.it)('answers 408 and closes a connection whose body trickles in past REQUEST_TIMEOUT_MS', async () => {
        const slow = await raw_connection_1.RawConnection.open(app.url);
        slow.write((0, raw_connection_1.requestHead)('POST', '/create-track', {
            authorization: `Bearer ${alice}`,
            'content-type': 'application/json',
            'content-length': 1_000,
        }));
        const trickle = setInterval(() => slow.write(' '), 200);
        try {
            strict_1.default.ok(await slow.closesWithin(REQUEST_TIMEOUT_MS + 3_000), 'the connection is closed');
            strict_1.default.equal(slow.status, 408);
        }
        finally {
            clearInterval(trickle);
            slow.destroy();
        }
    });
    (0, node_test_1.it)('refuses a body without a valid key at once, before reading it, and closes', async () => {
        for (const authorization of [undefined, 'Bearer tok_wrong']) {
            const keyless = await raw_connection_1.RawConnection.open(app.url);
            keyless.write((0, raw_connection_1.requestHead)('POST', '/create-track', {
                ...(authorization ? { authorization } : {}),
                'content-type': 'application/json',
                'content-length': 1_000,
            }));
            strict_1.default.ok(await keyless.closesWithin(REQUEST_TIMEOUT_MS / 2), 'closed without the body');
            strict_1.default.equal(keyless.status, 401, keyless.received);
            strict_1.default.match(keyless.received, /API key/);
        }
    });
    (0, node_test_1.it)('still serves a key holder whose body arrives in one go', async () => {
        const res = await (0, http_client_1.requestJson)(`${app.url}/create-track`, {
            method: 'POST',
            headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
            body: JSON.stringify({ prompt: '' }),
        });
        strict_1.default.equal(res.status, 400, 'validated as before');
    });
});
(0, node_test_1.describe)('open connections per client address', () => {
    const CAP = 5;
    const { app } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        env: { APP_ROLE: 'api', MAX_CONNECTIONS_PER_CLIENT: String(CAP) },
    });
    (0, node_test_1.it)('closes connections beyond MAX_CONNECTIONS_PER_CLIENT with a 503, and frees the slot on close', async () => {
        const held = await Promise.all(Array.from({ length: CAP + 3 }, () => raw_connection_1.RawConnection.open(app.url)));
        try {
            await new Promise((resolve) => setTimeout(resolve, 300));
            const refused = held.filter((c) => c.isClosed);
            strict_1.default.equal(refused.length, 3, 'only the connections over the cap are closed');
            strict_1.default.ok(refused.every((c) => c.status === 503));
            held.filter((c) => !c.isClosed)[0].destroy();
            await new Promise((resolve) => setTimeout(resolve, 100));
            const res = await (0, http_client_1.requestJson)(`${app.url}/health/live`, { headers: { connection: 'close' } });
            strict_1.default.equal(res.status, 200, 'a closed connection makes room for a new one');
        }
        finally {
            for (const connection of held)
                connection.destroy();
        }
    });
});
(0, node_test_1.describe)('request bodies and fields that used to crash the server or slip through', () => {
    let alice = '';
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        beforeStart: async () => {
            alice = await (0, api_keys_1.createApiKey)(env, 'alice');
        },
        env: { APP_ROLE: 'api', RATE_LIMIT_CREATE_PER_MINUTE: '2' },
    });
    const asAlice = () => ({ authorization: `Bearer ${alice}` });
    const postRaw = (path, body) => (0, http_client_1.requestJson)(`${app.url}${path}`, {
        method: 'POST',
        headers: { ...asAlice(), 'content-type': 'application/json' },
        body,
    });
    const fieldsOf = (body) => (body.errors ?? []).map((e) => e.field);
    (0, node_test_1.it)('refuses JSON nested deeper than 32 levels with a 400, however deep', async () => {
        for (const levels of [32, 32_000]) {
            const deep = `{"prompt":"x","webhook_events":${'['.repeat(levels)}${']'.repeat(levels)}}`;
            const res = await postRaw('/create-track', deep);
            strict_1.default.equal(res.status, 400, JSON.stringify(res.body));
            strict_1.default.match(String(res.body.detail), /deeper than 32 levels/);
        }
        const ok = `{"prompt":"x","webhook_events":${'['.repeat(31)}${']'.repeat(31)}}`;
        const validated = await postRaw('/create-track', ok);
        strict_1.default.equal(validated.status, 400);
        strict_1.default.deepEqual(fieldsOf(validated.body), ['webhook_events']);
        const text = await postRaw('/create-track', JSON.stringify({ prompt: '['.repeat(3_000) }));
        strict_1.default.equal(text.status, 400);
        strict_1.default.deepEqual(fieldsOf(text.body), ['prompt'], 'refused for its length, not its depth');
    });
    (0, node_test_1.it)('answers a NUL character in prompt or q with a 400 naming the field (PostgreSQL refuses it)', async () => {
        const create = await postRaw('/create-track', JSON.stringify({ prompt: 'lo-fi\u0000beat' }));
        strict_1.default.equal(create.status, 400, JSON.stringify(create.body));
        strict_1.default.deepEqual(fieldsOf(create.body), ['prompt']);
        const list = await (0, http_client_1.requestJson)(`${app.url}/jobs?q=lo-fi%00beat`, { headers: asAlice() });
        strict_1.default.equal(list.status, 400, JSON.stringify(list.body));
        strict_1.default.deepEqual(fieldsOf(list.body), ['q']);
    });
    (0, node_test_1.it)('refuses a reference_track_url with a malformed percent-escape at create', async () => {
        for (const path of ['/tracks/100%', '/tracks/%E0%A4%A', '/tracks/%zz.wav']) {
            const res = await postRaw('/create-track', JSON.stringify({
                prompt: 'like this',
                reference_track_url: `http://127.0.0.1:9${path}`,
            }));
            strict_1.default.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
            strict_1.default.deepEqual(fieldsOf(res.body), ['reference_track_url']);
            strict_1.default.match(String(res.body.detail), /percent-escape/);
        }
        const rows = await env.sql('SELECT id FROM jobs');
        strict_1.default.equal(rows.length, 0, 'nothing was stored');
    });
    (0, node_test_1.it)('counts a retry against the create rate limit: 429 with Retry-After once it is used up', async () => {
        const first = await postRaw('/create-track', JSON.stringify({ prompt: 'first' }));
        strict_1.default.equal(first.status, 202, JSON.stringify(first.body));
        const jobId = String(first.body.job_id);
        const retry = () => (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/retry`, { method: 'POST', headers: asAlice() });
        const notRetryable = await retry();
        strict_1.default.equal(notRetryable.status, 409, 'a PENDING job cannot be retried');
        const cancelled = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/cancel`, {
            method: 'POST',
            headers: asAlice(),
        });
        strict_1.default.equal(cancelled.body.status, 'CANCELLED');
        strict_1.default.equal((await retry()).status, 202);
        await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/cancel`, { method: 'POST', headers: asAlice() });
        const limited = await retry();
        strict_1.default.equal(limited.status, 429, JSON.stringify(limited.body));
        strict_1.default.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
        const job = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}`, { headers: asAlice() });
        strict_1.default.equal(job.body.status, 'CANCELLED', 'the refused retry changed nothing');
        const create = await postRaw('/create-track', JSON.stringify({ prompt: 'another' }));
        strict_1.default.equal(create.status, 429, 'creates and retries share one budget');
    });
});
(0, node_test_1.describe)('a reference track whose name does not decode', () => {
    const files = new file_server_1.FileServer();
    const { stubs, app } = (0, use_orchestrator_1.useOrchestrator)({ helpers: [files] });
    (0, node_test_1.it)('is downloaded and analysed under its name as written (it used to re-run the job without end)', async () => {
        const url = files.serve('/tracks/caf%E9.wav', (0, wav_fixture_1.clickTrackWav)(1));
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'a house track like my reference',
            reference_track_url: url,
        });
        strict_1.default.equal(created.status, 202, JSON.stringify(created.body));
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job));
        const [upload] = stubs.callsTo('analyze');
        strict_1.default.match(upload.body, /filename="caf%E9\.wav"/);
        strict_1.default.equal(files.bytesSent('/tracks/caf%E9.wav'), (0, wav_fixture_1.clickTrackWav)(1).length, 'one download');
    });
});
(0, node_test_1.describe)('secrets in logs and caches', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({ stub: false, app: false });
    const { env } = harness;
    let app;
    let alice;
    let admin;
    (0, node_test_1.before)(async () => {
        alice = await (0, api_keys_1.createApiKey)(env, 'alice');
        admin = await (0, api_keys_1.createApiKey)(env, 'ops', true);
        await (0, promises_1.mkdir)((0, node_path_1.join)(env.artifactsDir, 'output'), { recursive: true });
        await (0, promises_1.writeFile)((0, node_path_1.join)(env.artifactsDir, 'output', 'held.wav'), (0, wav_fixture_1.clickTrackWav)(1));
        app = await harness.startProcess('secrets', { APP_ROLE: 'api', LOG_LEVEL: 'info' });
    });
    const assertPrivate = (headers, what) => {
        strict_1.default.equal(headers.get('cache-control'), 'private, no-store', what);
        const vary = (headers.get('vary') ?? '').toLowerCase();
        strict_1.default.ok(vary.includes('authorization') && vary.includes('x-api-key'), `${what}: ${vary}`);
    };
    (0, node_test_1.it)('marks answers for a key, with their signed links, and downloads by key private, no-store', async () => {
        const asAlice = { authorization: `Bearer ${alice}` };
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'private beat' }, asAlice);
        strict_1.default.equal(created.status, 202);
        assertPrivate(created.headers, 'create');
        const job = await (0, http_client_1.requestJson)(`${app.url}/jobs/${created.body.job_id}`, { headers: asAlice });
        assertPrivate(job.headers, 'GET /jobs/{id}');
        assertPrivate((await (0, http_client_1.requestJson)(`${app.url}/jobs`, { headers: asAlice })).headers, 'list');
        const download = await fetch(`${app.url}/artifacts/output/held.wav`, {
            headers: { 'x-api-key': admin },
        });
        strict_1.default.equal(download.status, 200);
        assertPrivate(download.headers, 'download by key');
        await download.arrayBuffer();
        strict_1.default.equal((await fetch(`${app.url}/health/live`)).headers.get('cache-control'), null);
    });
    (0, node_test_1.it)('logs no link signature and no key sent in a query string', async () => {
        const signature = 'pQ2lq7WkZr0Zt3f8vR7yq1uV8m0Xx0c7N3kq3aYH0bE';
        const signed = await fetch(`${app.url}/artifacts/output/held.wav?expires=1795010400&signature=${signature}`);
        strict_1.default.equal(signed.status, 403, 'a signature this server did not make');
        await signed.arrayBuffer();
        const keyInQuery = await (0, http_client_1.requestJson)(`${app.url}/jobs?api_key=${alice}`);
        strict_1.default.equal(keyInQuery.status, 401);
        await new Promise((resolve) => setTimeout(resolve, 200));
        strict_1.default.ok(!app.output.includes(signature), 'the signature is not logged');
        strict_1.default.ok(!app.output.includes(alice), 'the key is not logged');
        strict_1.default.match(app.output, /held\.wav\?expires=1795010400&signature=\[redacted\]/);
        strict_1.default.match(app.output, /\/jobs\?api_key=\[redacted\]/);
    });
});
//# sourceMappingURL=hardening.e2e.js.map