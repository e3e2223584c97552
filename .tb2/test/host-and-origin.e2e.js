"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = require("node:http");
const node_os_1 = require("node:os");
const node_test_1 = require("node:test");
const embedded_services_controller_1 = require("../src/embedded-services/embedded-services.controller");
const api_key_cli_1 = require("./support/api-key-cli");
const http_client_1 = require("./support/http-client");
const raw_connection_1 = require("./support/raw-connection");
const use_orchestrator_1 = require("./support/use-orchestrator");
function send(url, path, options = {}) {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
        const req = (0, node_http_1.request)({
            host: hostname,
            port,
            path,
            method: options.method ?? 'GET',
            headers: options.headers,
            agent: false,
        }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                let body = { text };
                try {
                    body = JSON.parse(text);
                }
                catch {
                }
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
            });
        });
        req.on('error', reject);
        req.end(options.body);
    });
}
const portOf = (url) => new URL(url).port;
const ARTIFACT_URL_SECRET = 'test-artifact-url-secret-0123456789abcdef';
async function finishedJob(url, jobId, key) {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const res = await (0, http_client_1.requestJson)(`${url}/jobs/${jobId}`, {
            headers: { 'x-api-key': key },
        });
        if (['SUCCESS', 'FAILURE', 'CANCELLED'].includes(res.body.status))
            return res.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${jobId} did not finish in 30 s`);
}
async function createJob(url, key) {
    const created = await (0, http_client_1.postJson)(`${url}/create-track`, { prompt: 'Warm lo-fi with piano and drums, 90 bpm.' }, { 'x-api-key': key });
    strict_1.default.equal(created.status, 202, JSON.stringify(created.body));
    return created.body.job_id;
}
async function linksOf(url, jobId, key, host) {
    const headers = { host, 'x-api-key': key };
    const job = await send(url, `/jobs/${jobId}`, { headers });
    strict_1.default.equal(job.status, 200, JSON.stringify(job.body));
    const list = await send(url, '/jobs', { headers });
    strict_1.default.equal(list.status, 200, JSON.stringify(list.body));
    const artifacts = await send(url, `/jobs/${jobId}/artifacts`, { headers });
    strict_1.default.equal(artifacts.status, 200, JSON.stringify(artifacts.body));
    const listed = list.body.items.find((item) => item.job_id === jobId);
    return [
        String(job.body.result?.final_track_url),
        String(listed?.result?.final_track_url),
        ...artifacts.body.artifacts.map((artifact) => artifact.url),
    ];
}
(0, node_test_1.describe)('loopback-only mode: forwarding headers and the Host allow-list', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        env: { ALLOWED_HOSTS: 'studio.example.com:8443, Music.Example.org' },
    });
    const { app } = harness;
    (0, node_test_1.it)('refuses a request that carries any forwarding header a proxy or CDN adds', async () => {
        strict_1.default.equal((await (0, http_client_1.requestJson)(`${app.url}/jobs`)).status, 200, 'a direct local client');
        const forwarded = [
            ['via', '1.1 proxy.internal'],
            ['true-client-ip', '203.0.113.7'],
            ['cf-connecting-ip', '203.0.113.7'],
            ['cf-connecting-ipv6', '2001:db8::7'],
            ['x-client-ip', '203.0.113.7'],
            ['x-cluster-client-ip', '203.0.113.7'],
            ['fastly-client-ip', '203.0.113.7'],
            ['x-forwarded-host', 'api.example.com'],
            ['x-forwarded-proto', 'https'],
            ['x-original-forwarded-for', '203.0.113.7'],
            ['x-real-ip', '203.0.113.7'],
            ['forwarded', 'for=203.0.113.7'],
        ];
        for (const [name, value] of forwarded) {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs`, { headers: { [name]: value } });
            strict_1.default.equal(res.status, 401, name);
            strict_1.default.match(String(res.body.detail), new RegExp(`came through a proxy \\(${name} header\\)`));
        }
        const embedded = await (0, http_client_1.postJson)(`${app.url}/${embedded_services_controller_1.EMBEDDED_SERVICES_PATH}/prompt-parser/parse`, { prompt: 'lo-fi piano' }, { via: '1.1 proxy.internal' });
        strict_1.default.equal(embedded.status, 403);
        strict_1.default.match(String(embedded.body.detail), /through a proxy \(via header\)/);
    });
    (0, node_test_1.it)('answers 421 to a Host it does not own, before the key check, with or without a body', async () => {
        for (const host of ['attacker.example', `attacker.example:${portOf(app.url)}`, '192.0.2.99']) {
            const res = await send(app.url, '/jobs', { headers: { host } });
            strict_1.default.equal(res.status, 421, host);
            strict_1.default.equal(res.headers.connection, 'close');
            strict_1.default.match(String(res.body.detail), /does not answer to the host/);
            strict_1.default.ok(String(res.body.detail).includes(host), String(res.body.detail));
        }
        const create = await send(app.url, '/create-track', {
            method: 'POST',
            headers: { host: 'attacker.example', 'content-type': 'application/json' },
            body: JSON.stringify({ prompt: 'from a rebound page' }),
        });
        strict_1.default.equal(create.status, 421);
        const dashboard = await send(app.url, '/admin/queues', {
            headers: { host: 'attacker.example' },
        });
        strict_1.default.equal(dashboard.status, 421);
        const noHost = await raw_connection_1.RawConnection.open(app.url);
        noHost.write('GET /jobs HTTP/1.0\r\n\r\n');
        await noHost.closed;
        strict_1.default.equal(/^HTTP\/1\.\d (\d{3})/.exec(noHost.received)?.[1], '421', noHost.received);
        strict_1.default.match(noHost.received, /the Host header is missing/);
    });
    (0, node_test_1.it)('serves the loopback names on any port, ALLOWED_HOSTS as listed, and health by any name', async () => {
        const port = portOf(app.url);
        for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST.'])
            strict_1.default.equal((await send(app.url, '/jobs', { headers: { host } })).status, 200, host);
        strict_1.default.equal((await send(app.url, '/jobs', { headers: { host: 'studio.example.com:8443' } })).status, 200);
        strict_1.default.equal((await send(app.url, '/jobs', { headers: { host: 'studio.example.com:8080' } })).status, 421, 'an entry with a port allows that port only');
        strict_1.default.equal((await send(app.url, '/jobs', { headers: { host: 'music.example.org:1234' } })).status, 200, 'an entry without a port allows any');
        for (const path of ['/health/live', '/health/ready'])
            strict_1.default.equal((await send(app.url, path, { headers: { host: '10.1.2.3:3000' } })).status, 200);
    });
    (0, node_test_1.it)('runs a job through the embedded services, which its worker calls at its own address', async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'Warm lo-fi with piano and drums, 90 bpm.',
        });
        strict_1.default.equal(created.status, 202);
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    });
    (0, node_test_1.it)('says in the start-up log that this mode must not sit behind a proxy', async () => {
        const proc = await harness.startProcess('loopback-only', {
            APP_ROLE: 'api',
            LOG_LEVEL: 'info',
        });
        strict_1.default.match(proc.output, /No API keys configured: loopback-only mode/);
        strict_1.default.match(proc.output, /Do not put this server behind a reverse proxy/);
    });
});
(0, node_test_1.describe)('links with API keys: built on PUBLIC_BASE_URL or an allowed Host, never another', () => {
    let alice;
    let jobId;
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        beforeStart: async () => {
            alice = await (0, api_key_cli_1.createKey)(harness.env, 'alice');
        },
        env: { ARTIFACT_URL_SECRET, ALLOWED_HOSTS: 'studio.example.com' },
    });
    const { app } = harness;
    (0, node_test_1.before)(async () => {
        jobId = await createJob(app.url, alice);
        strict_1.default.equal((await finishedJob(app.url, jobId, alice)).status, 'SUCCESS');
    });
    (0, node_test_1.it)('gives no link, signed or not, on a Host the client made up', async () => {
        for (const path of [`/jobs/${jobId}`, '/jobs', `/jobs/${jobId}/artifacts`]) {
            const res = await send(app.url, path, {
                headers: { host: 'attacker.example', 'x-api-key': alice },
            });
            strict_1.default.equal(res.status, 421, path);
            strict_1.default.ok(!JSON.stringify(res.body).includes('/artifacts/'), JSON.stringify(res.body));
        }
    });
    (0, node_test_1.it)('builds signed links on the allowed Host the client used, and they download', async () => {
        const links = await linksOf(app.url, jobId, alice, 'studio.example.com:8443');
        strict_1.default.ok(links.length >= 4, JSON.stringify(links));
        for (const link of links) {
            strict_1.default.match(link, /^http:\/\/studio\.example\.com:8443\/artifacts\/.+[?&]signature=/);
            const { pathname, search } = new URL(link);
            strict_1.default.equal((await fetch(`${app.url}${pathname}${search}`)).status, 200, link);
        }
    });
    (0, node_test_1.it)('builds every link on PUBLIC_BASE_URL when it is set, whichever allowed Host was used', async () => {
        const behindProxy = await harness.startApp({ APP_ROLE: 'api', ARTIFACT_URL_SECRET, PUBLIC_BASE_URL: 'https://music.example.com/' }, { stub: false });
        for (const host of [`127.0.0.1:${portOf(behindProxy.url)}`, 'music.example.com']) {
            const links = await linksOf(behindProxy.url, jobId, alice, host);
            for (const link of links)
                strict_1.default.match(link, /^https:\/\/music\.example\.com\/artifacts\/.+[?&]signature=/, host);
        }
    });
});
function nonLoopbackAddress() {
    return Object.values((0, node_os_1.networkInterfaces)())
        .flat()
        .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;
}
(0, node_test_1.describe)("HOST set to one of this machine's non-loopback addresses", () => {
    let alice;
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        app: false,
        beforeStart: async () => {
            alice = await (0, api_key_cli_1.createKey)(harness.env, 'alice');
        },
    });
    const address = nonLoopbackAddress();
    (0, node_test_1.it)('answers to that address, where its workers reach their embedded services', { skip: address === undefined ? 'no non-loopback IPv4 address here' : false }, async () => {
        const server = await harness.startApp({ HOST: address ?? '' }, { stub: false });
        strict_1.default.equal(new URL(server.url).hostname, address);
        const jobId = await createJob(server.url, alice);
        const job = await finishedJob(server.url, jobId, alice);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job));
        strict_1.default.ok(job.result?.final_track_url?.startsWith(`${server.url}/artifacts/`), JSON.stringify(job));
    });
});
(0, node_test_1.describe)('queue dashboard: changes from its own pages only', () => {
    let admin;
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        beforeStart: async () => {
            admin = await (0, api_key_cli_1.createKey)(harness.env, 'ops', true);
        },
    });
    const { app } = harness;
    const queueApi = () => `${app.url}/admin/queues/api/queues`;
    const basic = () => `Basic ${Buffer.from(`ops:${admin}`).toString('base64')}`;
    const change = (action, headers) => (0, http_client_1.requestJson)(`${queueApi()}/pipeline/${action}`, {
        method: 'PUT',
        headers: { authorization: basic(), ...headers },
    });
    const paused = async () => {
        const res = await (0, http_client_1.requestJson)(queueApi(), {
            headers: { authorization: basic() },
        });
        return res.body.queues.find((queue) => queue.name === 'pipeline')?.isPaused;
    };
    (0, node_test_1.it)('refuses a change from another origin with 403, though Basic auth carries the admin key', async () => {
        const form = new FormData();
        form.append('name', 'forged');
        form.append('data', '{}');
        const add = await (0, http_client_1.requestJson)(`${queueApi()}/pipeline/add`, {
            method: 'POST',
            headers: { authorization: basic(), origin: 'https://evil.example' },
            body: form,
        });
        strict_1.default.equal(add.status, 403, JSON.stringify(add.body));
        strict_1.default.match(String(add.body.detail), /own pages only.*POST.*Origin "https:\/\/evil\.example"/);
        const forged = [
            { origin: 'null' },
            { origin: `http://127.0.0.1:${Number(portOf(app.url)) + 1}` },
            { referer: 'https://evil.example/page.html' },
        ];
        for (const headers of forged) {
            const res = await change('pause', headers);
            strict_1.default.equal(res.status, 403, JSON.stringify(headers));
            strict_1.default.match(String(res.body.detail), /own pages only/);
        }
        strict_1.default.equal(await paused(), false, 'the forged requests changed nothing');
        const read = await (0, http_client_1.requestJson)(queueApi(), {
            headers: { authorization: basic(), origin: 'https://evil.example' },
        });
        strict_1.default.equal(read.status, 200, 'reading is no change (and CORS keeps the answer from the page)');
    });
    (0, node_test_1.it)('takes changes from its own pages, and from clients that are no browser page', async () => {
        strict_1.default.equal((await change('pause', { origin: app.url })).status, 200);
        strict_1.default.equal(await paused(), true);
        strict_1.default.equal((await change('resume', { referer: `${app.url}/admin/queues/` })).status, 200);
        strict_1.default.equal(await paused(), false);
        strict_1.default.equal((await change('pause', {})).status, 200, 'no Origin, no Referer: a script');
        strict_1.default.equal((await change('resume', {})).status, 200);
        strict_1.default.equal(await paused(), false);
    });
});
//# sourceMappingURL=host-and-origin.e2e.js.map