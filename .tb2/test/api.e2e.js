"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
(0, node_test_1.describe)('jobs API', () => {
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({ env: { APP_ROLE: 'api' } });
    async function jobCount() {
        const [row] = await env.sql('SELECT count(*)::int AS n FROM jobs');
        return row.n;
    }
    (0, node_test_1.it)('answers GET / with a health message', async () => {
        const res = await (0, http_client_1.requestJson)(`${app.url}/`);
        strict_1.default.equal(res.status, 200);
        strict_1.default.deepEqual(res.body, { message: 'Music production orchestrator is running.' });
    });
    (0, node_test_1.it)('queues a job with the original 202 body, readable at once, and stored as PENDING', async () => {
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
        });
        strict_1.default.equal(res.status, 202);
        strict_1.default.deepEqual(Object.keys(res.body).sort(), ['details', 'job_id', 'status']);
        strict_1.default.equal(res.body.status, 'PENDING');
        strict_1.default.equal(res.body.details, 'Job has been queued.');
        const job = await (0, http_client_1.requestJson)(`${app.url}/jobs/${res.body.job_id}`);
        strict_1.default.equal(job.status, 200);
        strict_1.default.equal(job.body.job_id, res.body.job_id);
        strict_1.default.equal(job.body.status, 'PENDING');
        strict_1.default.equal(job.body.result, null);
        strict_1.default.ok(job.body.created_at);
        const [row] = await env.sql('SELECT status, prompt FROM jobs WHERE id = $1', [res.body.job_id]);
        strict_1.default.deepEqual(row, {
            status: 'PENDING',
            prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
        });
    });
    (0, node_test_1.it)('refuses bad bodies with a 4xx that names the problem, storing nothing', async () => {
        const before = await jobCount();
        const cases = [
            ['missing prompt', {}, 400, /prompt must be a string/],
            ['empty prompt', { prompt: '' }, 400, /prompt must not be empty/],
            ['whitespace prompt', { prompt: ' \n\t ' }, 400, /prompt must not be empty/],
            ['long prompt', { prompt: 'x'.repeat(2001) }, 400, /prompt must be at most 2000 characters/],
            ['numeric prompt', { prompt: 42 }, 400, /prompt must be a string/],
            [
                'relative URL',
                { prompt: 'ok', reference_track_url: '/ref.wav' },
                400,
                /reference_track_url must be an absolute http\(s\) URL/,
            ],
            [
                'ftp URL',
                { prompt: 'ok', reference_track_url: 'ftp://host/ref.wav' },
                400,
                /reference_track_url/,
            ],
            ['unknown field', { prompt: 'ok', tempo: 100 }, 400, /property tempo should not exist/],
        ];
        for (const [name, body, status, detail] of cases) {
            const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, body);
            strict_1.default.equal(res.status, status, name);
            strict_1.default.match(res.body.detail, detail, name);
        }
        const malformed = await (0, http_client_1.requestJson)(`${app.url}/create-track`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"prompt": "unterminated',
        });
        strict_1.default.equal(malformed.status, 400);
        strict_1.default.match(malformed.body.detail, /JSON/);
        const huge = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'x',
            pad: 'y'.repeat(70_000),
        });
        strict_1.default.equal(huge.status, 413);
        const text = await (0, http_client_1.requestJson)(`${app.url}/create-track`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: 'prompt=hi',
        });
        strict_1.default.equal(text.status, 415);
        strict_1.default.match(text.body.detail, /application\/json/);
        const form = await (0, http_client_1.requestJson)(`${app.url}/create-track`, {
            method: 'POST',
            body: new URLSearchParams({ prompt: 'hi' }),
        });
        strict_1.default.equal(form.status, 415);
        const badKey = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'ok' }, { 'idempotency-key': 'has space' });
        strict_1.default.equal(badKey.status, 400);
        strict_1.default.match(badKey.body.detail, /Idempotency-Key/);
        strict_1.default.equal(await jobCount(), before, 'no job was stored for any bad request');
    });
    (0, node_test_1.it)('answers 404 {"detail": "Job not found"} for unknown and malformed ids', async () => {
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${encodeURIComponent(id)}`);
            strict_1.default.equal(res.status, 404, id);
            strict_1.default.deepEqual(res.body, { detail: 'Job not found' });
        }
    });
    (0, node_test_1.it)('replays an Idempotency-Key with 200 and the same job, and refuses a different body with 422', async () => {
        const headers = { 'idempotency-key': 'order-42' };
        const [a, b] = await Promise.all([
            (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'same' }, headers),
            (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'same' }, headers),
        ]);
        strict_1.default.deepEqual([a.status, b.status].sort(), [200, 202]);
        strict_1.default.equal(a.body.job_id, b.body.job_id);
        const conflict = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'different' }, headers);
        strict_1.default.equal(conflict.status, 422);
        strict_1.default.equal(conflict.body.job_id, a.body.job_id);
        const rows = await env.sql("SELECT id FROM jobs WHERE idempotency_key = 'order-42'");
        strict_1.default.equal(rows.length, 1);
    });
    (0, node_test_1.it)('cancels a waiting job at once, and answers 409 when cancelling or retrying in the wrong state', async () => {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'never mind',
        });
        const id = created.body.job_id;
        const retryPending = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/retry`, {
            method: 'POST',
        });
        strict_1.default.equal(retryPending.status, 409);
        const cancelled = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/cancel`, {
            method: 'POST',
        });
        strict_1.default.equal(cancelled.status, 202);
        strict_1.default.equal(cancelled.body.status, 'CANCELLED');
        const again = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}/cancel`, { method: 'POST' });
        strict_1.default.equal(again.status, 409);
        strict_1.default.equal(again.body.status, 'CANCELLED');
        strict_1.default.match(again.body.detail, /CANCELLED/);
    });
    (0, node_test_1.it)('serves the OpenAPI document with an example for every documented field', async () => {
        const res = await (0, http_client_1.requestJson)(`${app.url}/docs-json`);
        strict_1.default.equal(res.status, 200);
        strict_1.default.ok(res.body.paths['/create-track']);
        strict_1.default.ok(res.body.paths['/jobs/{job_id}']);
        const missing = [];
        for (const [schema, { properties = {} }] of Object.entries(res.body.components.schemas)) {
            for (const [field, spec] of Object.entries(properties)) {
                const nested = spec.$ref !== undefined || spec.items !== undefined || spec.allOf !== undefined;
                if (spec.example === undefined && !nested)
                    missing.push(`${schema}.${field}`);
            }
        }
        strict_1.default.deepEqual(missing, []);
        const ui = await fetch(`${app.url}/docs`);
        strict_1.default.equal(ui.status, 200);
        strict_1.default.match(await ui.text(), /swagger/i);
    });
    (0, node_test_1.it)('serves exactly the checked-in openapi.json', async () => {
        const served = await (await fetch(`${app.url}/docs-json`)).json();
        const file = (0, node_path_1.join)(__dirname, '..', '..', 'openapi.json');
        const checkedIn = JSON.parse(await (0, promises_1.readFile)(file, 'utf8'));
        strict_1.default.deepEqual(served, checkedIn, 'openapi.json is out of date: run npm run openapi');
    });
    (0, node_test_1.it)('documents every route with its error answers', async () => {
        const res = await (0, http_client_1.requestJson)(`${app.url}/docs-json`);
        const undocumented = [];
        for (const [path, operations] of Object.entries(res.body.paths)) {
            for (const [method, operation] of Object.entries(operations)) {
                const codes = Object.keys(operation.responses);
                if (!codes.some((c) => c.startsWith('2')))
                    undocumented.push(`${method} ${path}: no 2xx`);
                if (path.includes('{job_id}') && !codes.includes('404'))
                    undocumented.push(`${method} ${path}: no 404`);
            }
        }
        strict_1.default.deepEqual(undocumented, []);
    });
});
//# sourceMappingURL=api.e2e.js.map