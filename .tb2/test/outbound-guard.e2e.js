"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const file_server_1 = require("./support/file-server");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const wav_fixture_1 = require("./support/wav-fixture");
const SECRET = `whsec_${(0, node_crypto_1.randomBytes)(32).toString('base64')}`;
const bodyOf = (line) => (typeof line.body === 'string' ? line.body : '');
(0, node_test_1.describe)('outbound guard: allow-listed ports and error answers', () => {
    const allowed = new file_server_1.FileServer();
    const otherPort = new file_server_1.FileServer();
    const harness = (0, use_orchestrator_1.useOrchestrator)({ app: false, helpers: [allowed, otherPort] });
    let app;
    (0, node_test_1.before)(async () => {
        app = await harness.startProcess('outbound-guard', {
            LOG_LEVEL: 'info',
            OUTBOUND_URL_ALLOWLIST: `127.0.0.1:${allowed.port}`,
            WEBHOOK_SECRET: SECRET,
            WEBHOOK_RETRY_DELAYS_MS: '100',
            STYLE_ANALYSIS_ATTEMPTS: '1',
        });
    });
    async function create(body) {
        return (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'a house track',
            ...body,
        });
    }
    async function run(body) {
        const res = await create(body);
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        return (0, http_client_1.waitForJob)(app.url, res.body.job_id);
    }
    async function logLinesOf(jobId, wanted) {
        const deadline = Date.now() + 5_000;
        for (;;) {
            const lines = app.output
                .split('\n')
                .filter((line) => line.startsWith('{'))
                .map((line) => JSON.parse(line))
                .filter((line) => line.job_id === jobId);
            if (lines.some(wanted) || Date.now() > deadline)
                return lines;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }
    (0, node_test_1.it)('reaches the listed port, and refuses another port of that host at create and on a redirect', async () => {
        const wav = (0, wav_fixture_1.clickTrackWav)(1);
        const ok = await run({ reference_track_url: allowed.serve('/ok.wav', wav) });
        strict_1.default.equal(ok.status, 'SUCCESS', JSON.stringify(ok));
        const direct = await create({ reference_track_url: otherPort.serve('/direct.wav', wav) });
        strict_1.default.equal(direct.status, 400, JSON.stringify(direct.body));
        strict_1.default.match(direct.body.detail ?? '', new RegExp(`^reference_track_url resolves to a loopback address \\(127\\.0\\.0\\.1\\) on port ${otherPort.port} and is not in OUTBOUND_URL_ALLOWLIST$`));
        const target = otherPort.serve('/moved.wav', wav);
        const job = await run({ reference_track_url: allowed.redirect('/moved.wav', target) });
        strict_1.default.equal(job.status, 'FAILURE', JSON.stringify(job));
        strict_1.default.equal(job.error?.step, 'analyze_style');
        strict_1.default.match(job.error?.message ?? '', new RegExp(`reference_track_url host "127\\.0\\.0\\.1" resolves to a loopback address \\(127\\.0\\.0\\.1\\) on port ${otherPort.port} and is not in OUTBOUND_URL_ALLOWLIST`));
        strict_1.default.equal(otherPort.bytesSent('/moved.wav'), 0, 'the redirect target was never served');
        strict_1.default.equal(otherPort.bytesSent('/direct.wav'), 0);
    });
    (0, node_test_1.it)("shows a reference host's error status and reason, and keeps its body in the log with job_id", async () => {
        const page = '<h1>Not found on db-7.corp.internal</h1><pre>stack: /srv/app/secret.py</pre>';
        const job = await run({
            reference_track_url: allowed.serve('/private.wav', Buffer.from(page), 'text/html', 404),
        });
        strict_1.default.equal(job.status, 'FAILURE', JSON.stringify(job));
        strict_1.default.equal(job.error?.message, 'reference track answered 404 Not Found');
        strict_1.default.equal(job.result?.error, 'reference track answered 404 Not Found');
        const everything = JSON.stringify((await (0, http_client_1.requestJson)(`${app.url}/jobs/${job.job_id}`)).body);
        strict_1.default.ok(!everything.includes('db-7.corp.internal'), `no body in the job: ${everything}`);
        const lines = await logLinesOf(job.job_id, (l) => bodyOf(l).includes('db-7'));
        const line = lines.find((l) => bodyOf(l).includes('db-7.corp.internal'));
        strict_1.default.ok(line, `a log line with the body: ${JSON.stringify(lines)}`);
        strict_1.default.equal(line.step, 'analyze_style');
    });
    (0, node_test_1.it)("shows a webhook receiver's error status and reason, and keeps its body in the log with job_id", async () => {
        const hook = allowed.serve('/hooks/broken', Buffer.from('Traceback (most recent call last): token=receiver-internal-42'), 'text/plain', 500);
        const job = await run({ webhook_url: hook, webhook_events: ['job.status'] });
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job));
        const deadline = Date.now() + 15_000;
        let deliveries = [];
        while (Date.now() < deadline) {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${job.job_id}/webhooks`);
            deliveries = res.body.deliveries;
            if (deliveries.length === 3 && deliveries.every((d) => d.status === 'FAILED'))
                break;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        strict_1.default.equal(deliveries.length, 3, JSON.stringify(deliveries));
        for (const d of deliveries) {
            strict_1.default.equal(d.status, 'FAILED', JSON.stringify(d));
            strict_1.default.equal(d.last_status_code, 500);
            strict_1.default.equal(d.last_error, `receiver answered 500 Internal Server Error (gave up after ${d.attempts} attempts)`);
        }
        const lines = await logLinesOf(job.job_id, (l) => bodyOf(l).includes('receiver-internal-42'));
        const line = lines.find((l) => bodyOf(l).includes('receiver-internal-42'));
        strict_1.default.ok(line, `a log line with the body: ${JSON.stringify(lines.slice(-5))}`);
        strict_1.default.equal(line.status_code, 500);
    });
});
//# sourceMappingURL=outbound-guard.e2e.js.map