"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = require("node:http");
const node_test_1 = require("node:test");
const http_transport_1 = require("./http-transport");
const service_errors_1 = require("./service-errors");
(0, node_test_1.describe)('error classification', () => {
    let server;
    let base = '';
    const transport = new http_transport_1.HttpTransport();
    const identity = (body) => body;
    (0, node_test_1.before)(async () => {
        server = (0, node_http_1.createServer)((req, res) => {
            const [, status, extra] = (req.url ?? '').split('/');
            if (status === 'hang')
                return;
            const headers = { 'content-type': 'application/json' };
            if (extra === 'retry')
                headers['retry-after'] = '7';
            res
                .writeHead(Number(status), headers)
                .end(JSON.stringify({ detail: `said ${status}`, ok: true }));
        });
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${server.address().port}`;
    });
    (0, node_test_1.after)(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await transport.onModuleDestroy();
    });
    async function failure(path, timeoutMs = 2000, signal) {
        try {
            await transport.postJson('svc', `${base}${path}`, {}, identity, { timeoutMs, signal });
        }
        catch (error) {
            return error;
        }
        throw new Error('expected a failure');
    }
    (0, node_test_1.it)('treats 429 and 5xx as transient, with Retry-After', async () => {
        const busy = await failure('/429/retry');
        strict_1.default.ok(busy instanceof service_errors_1.TransientServiceError);
        strict_1.default.equal(busy.retryAfterMs, 7000);
        strict_1.default.ok((await failure('/503')) instanceof service_errors_1.TransientServiceError);
    });
    (0, node_test_1.it)('treats other 4xx as permanent, with the service message', async () => {
        const bad = await failure('/400');
        strict_1.default.ok(bad instanceof service_errors_1.PermanentServiceError);
        strict_1.default.equal(bad.message, 'svc answered 400: said 400');
        strict_1.default.equal(bad.statusCode, 400);
    });
    (0, node_test_1.it)('treats a timeout and a refused connection as transient', async () => {
        const slow = await failure('/hang', 100);
        strict_1.default.ok(slow instanceof service_errors_1.TransientServiceError);
        strict_1.default.match(slow.message, /timed out after 100 ms/);
        const refused = await transport
            .postJson('svc', 'http://127.0.0.1:1/x', {}, identity, { timeoutMs: 1000 })
            .catch((error) => error);
        strict_1.default.ok(refused instanceof service_errors_1.TransientServiceError);
        strict_1.default.match(refused.message, /connection failed/);
    });
    (0, node_test_1.it)('reports a caller abort as such, not as a service fault', async () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(new service_errors_1.CallAbortedError('cancelled')), 50);
        const aborted = await failure('/hang', 5000, controller.signal);
        strict_1.default.ok(aborted instanceof service_errors_1.CallAbortedError);
        strict_1.default.equal(aborted.reason, 'cancelled');
    });
    (0, node_test_1.it)('rejects a malformed body as permanent', async () => {
        const invalid = await transport
            .postJson('svc', `${base}/200`, {}, () => {
            throw new Error('tempo must be a number');
        }, { timeoutMs: 1000 })
            .catch((error) => error);
        strict_1.default.ok(invalid instanceof service_errors_1.PermanentServiceError);
        strict_1.default.match(invalid.message, /malformed response: tempo must be a number/);
    });
});
(0, node_test_1.describe)('serviceMessage and parseRetryAfter', () => {
    (0, node_test_1.it)("takes FastAPI's detail, else message or error, else the text", () => {
        strict_1.default.equal((0, http_transport_1.serviceMessage)('{"detail":"bad prompt"}'), 'bad prompt');
        strict_1.default.equal((0, http_transport_1.serviceMessage)('{"message":"nope"}'), 'nope');
        strict_1.default.equal((0, http_transport_1.serviceMessage)('{"detail":[{"loc":["body"],"msg":"x"}]}'), '[{"loc":["body"],"msg":"x"}]');
        strict_1.default.equal((0, http_transport_1.serviceMessage)('Bad Gateway'), 'Bad Gateway');
        strict_1.default.equal((0, http_transport_1.serviceMessage)(''), '(empty body)');
    });
    (0, node_test_1.it)('reads seconds and HTTP dates', () => {
        strict_1.default.equal((0, http_transport_1.parseRetryAfter)('3'), 3000);
        const now = Date.parse('2026-01-01T00:00:00Z');
        strict_1.default.equal((0, http_transport_1.parseRetryAfter)('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
        strict_1.default.equal((0, http_transport_1.parseRetryAfter)('soon'), undefined);
    });
});
//# sourceMappingURL=http-transport.spec.js.map