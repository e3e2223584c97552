"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const promises_1 = require("node:timers/promises");
const node_test_1 = require("node:test");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const SECRET = `whsec_${(0, node_crypto_1.randomBytes)(32).toString('base64')}`;
const CREDENTIALS_KEY = (0, node_crypto_1.randomBytes)(32).toString('base64');
const PASSWORD = 'pa$$-word-42';
const ENCODED_PASSWORD = encodeURIComponent(PASSWORD);
class BasicAuthReceiver {
    received = [];
    url = '';
    server;
    async start() {
        this.server = (0, node_http_1.createServer)((req, res) => {
            this.received.push(req.headers);
            req.resume().on('end', () => res.writeHead(204).end());
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}`;
    }
    async stop() {
        await new Promise((resolve) => this.server?.close(resolve));
    }
    async firstDelivery() {
        for (let waited = 0; this.received.length === 0 && waited < 20_000; waited += 50)
            await (0, promises_1.setTimeout)(50);
        strict_1.default.ok(this.received[0], 'a delivery arrived');
        return this.received[0];
    }
}
(0, node_test_1.describe)('webhook Basic-auth passwords are encrypted at rest and never shown', () => {
    const receiver = new BasicAuthReceiver();
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [receiver],
        env: { WEBHOOK_SECRET: SECRET, WEBHOOK_CREDENTIALS_KEY: CREDENTIALS_KEY },
    });
    const { env, app } = harness;
    const hookUrl = () => `${receiver.url.replace('//', `//hook-user:${ENCODED_PASSWORD}@`)}/hooks`;
    let jobId = '';
    (0, node_test_1.it)('sends the password to the receiver as Basic auth', async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'behind basic auth', webhook_url: hookUrl() }, { 'idempotency-key': 'basic-1' });
        strict_1.default.equal(created.status, 202);
        jobId = created.body.job_id;
        await (0, http_client_1.waitForJob)(app.url, jobId);
        const headers = await receiver.firstDelivery();
        const basic = `Basic ${Buffer.from(`hook-user:${PASSWORD}`).toString('base64')}`;
        strict_1.default.equal(headers.authorization, basic);
    });
    (0, node_test_1.it)('stores no password in jobs or webhook_deliveries, nor anything it can be guessed from', async () => {
        const stored = await env.sql(`SELECT webhook_url AS text FROM jobs WHERE id = $1
       UNION ALL SELECT url FROM webhook_deliveries WHERE job_id = $1
       UNION ALL SELECT request_fingerprint FROM jobs WHERE id = $1`, [jobId]);
        strict_1.default.ok(stored.length >= 3);
        for (const { text } of stored) {
            strict_1.default.ok(!text.includes(PASSWORD) && !text.includes(ENCODED_PASSWORD), text);
        }
        strict_1.default.match(stored[0].text, /^http:\/\/hook-user:whc1\.[\w-]+@127\.0\.0\.1:\d+\/hooks$/);
    });
    (0, node_test_1.it)('never echoes the password, plain or sealed, in webhook or job views', async () => {
        const views = [`/jobs/${jobId}/webhooks`, `/jobs/${jobId}`, '/jobs'];
        for (const path of views) {
            const res = await fetch(`${app.url}${path}`);
            strict_1.default.equal(res.status, 200);
            const text = await res.text();
            for (const secret of [PASSWORD, ENCODED_PASSWORD, 'whc1.'])
                strict_1.default.ok(!text.includes(secret), `${path} shows ${secret}`);
        }
        const webhooks = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/webhooks`);
        strict_1.default.equal(webhooks.body.webhook_url, hookUrl().replace(ENCODED_PASSWORD, '***'));
    });
    (0, node_test_1.it)('still recognises a repeated request by its Idempotency-Key', async () => {
        const again = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'behind basic auth', webhook_url: hookUrl() }, { 'idempotency-key': 'basic-1' });
        strict_1.default.equal(again.body.job_id, jobId);
        const otherPassword = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'behind basic auth', webhook_url: hookUrl().replace(ENCODED_PASSWORD, 'other') }, { 'idempotency-key': 'basic-1' });
        strict_1.default.equal(otherPassword.status, 422);
    });
    (0, node_test_1.it)('refuses a password it could only store in clear (no WEBHOOK_CREDENTIALS_KEY)', async () => {
        const plainServer = await harness.startApp({ WEBHOOK_SECRET: SECRET, APP_ROLE: 'api' });
        const refused = await (0, http_client_1.postJson)(`${plainServer.url}/create-track`, {
            prompt: 'x',
            webhook_url: hookUrl(),
        });
        strict_1.default.equal(refused.status, 400);
        strict_1.default.match(JSON.stringify(refused.body), /webhook_url[^"]*WEBHOOK_CREDENTIALS_KEY|WEBHOOK_CREDENTIALS_KEY/);
        const withoutPassword = await (0, http_client_1.postJson)(`${plainServer.url}/create-track`, {
            prompt: 'x',
            webhook_url: `${receiver.url}/hooks`,
        });
        strict_1.default.equal(withoutPassword.status, 202);
    });
});
//# sourceMappingURL=webhook-credentials.e2e.js.map