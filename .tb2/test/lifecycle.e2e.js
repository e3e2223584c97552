"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const node_test_1 = require("node:test");
const api_key_hash_1 = require("../src/auth/api-key-hash");
const reconciler_service_1 = require("../src/pipeline/reconciler.service");
const http_client_1 = require("./support/http-client");
const test_env_1 = require("./support/test-env");
const use_orchestrator_1 = require("./support/use-orchestrator");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
const CLI = (0, node_path_1.join)(__dirname, '..', 'src', 'auth', 'create-api-key.cli.js');
(0, node_test_1.describe)('job lifecycle: replays, shared-volume paths and the loopback owner', () => {
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        env: { RATE_LIMIT_CREATE_PER_MINUTE: '1' },
        resetStubEachTest: true,
    });
    const { env, stubs, app } = harness;
    (0, node_test_1.it)('answers a repeated create with its job before the rate limit and the address checks', async () => {
        const body = { prompt: 'replay me', reference_track_url: `${stubs.baseUrl}/ref.wav` };
        const headers = { 'idempotency-key': `key-${(0, node_crypto_1.randomUUID)()}` };
        const first = await (0, http_client_1.postJson)(`${app.url}/create-track`, body, headers);
        strict_1.default.equal(first.status, 202, JSON.stringify(first.body));
        const other = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'another' });
        strict_1.default.equal(other.status, 429);
        const again = await (0, http_client_1.postJson)(`${app.url}/create-track`, body, headers);
        strict_1.default.equal(again.status, 200, JSON.stringify(again.body));
        strict_1.default.equal(again.body.job_id, first.body.job_id);
        const strict = await (0, test_env_1.startApp)(env, {
            ...stubs.env(),
            APP_ROLE: 'api',
            OUTBOUND_URL_ALLOWLIST: '',
        });
        try {
            const refused = await (0, http_client_1.postJson)(`${strict.url}/create-track`, body);
            strict_1.default.equal(refused.status, 400, 'a new job to that host is refused');
            const replay = await (0, http_client_1.postJson)(`${strict.url}/create-track`, body, headers);
            strict_1.default.equal(replay.status, 200, JSON.stringify(replay.body));
            strict_1.default.equal(replay.body.job_id, first.body.job_id);
        }
        finally {
            await strict.close();
        }
    });
    (0, node_test_1.it)('keeps the path a mixing service on a shared volume returns as the final track, and lists the files without a size', async () => {
        stubs.script('process', () => ({
            body: { output_path: '/output/job_x_master.wav', message: 'Mixing and mastering complete.' },
        }));
        const mixer = await (0, test_env_1.startApp)(env, { ...stubs.env() });
        try {
            const created = await (0, http_client_1.postJson)(`${mixer.url}/create-track`, {
                prompt: 'shared volume',
            });
            strict_1.default.equal(created.status, 202);
            const job = await (0, http_client_1.waitForJob)(mixer.url, created.body.job_id);
            strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
            strict_1.default.deepEqual(job.result, { final_track_url: '/output/job_x_master.wav' });
            const listed = await (0, http_client_1.requestJson)(`${mixer.url}/jobs/${created.body.job_id}/artifacts`);
            strict_1.default.equal(listed.status, 200);
            strict_1.default.deepEqual(listed.body.artifacts.map((a) => [a.kind, a.url, a.size_bytes]).sort(), [
                ['final', '/output/job_x_master.wav', null],
                ['stem', '/stems/d.wav', null],
                ['stem', '/stems/p.wav', null],
            ]);
        }
        finally {
            await mixer.close();
        }
    });
    (0, node_test_1.it)('reserves the loopback owner: no key may be named after it', async () => {
        await strict_1.default.rejects(run(process.execPath, [CLI, '--name', 'anonymous'], {
            env: { ...process.env, ...env.env() },
        }), (error) => {
            strict_1.default.equal(error.code, 1);
            strict_1.default.match(error.stderr, /"anonymous" is reserved/);
            return true;
        });
        const planted = (0, api_key_hash_1.generateApiKey)();
        await env.sql(`INSERT INTO api_keys (id, name, key_hash, key_prefix, is_admin) VALUES ($1, 'anonymous', $2, $3, false)`, [(0, node_crypto_1.randomUUID)(), (0, api_key_hash_1.hashApiKey)(planted), planted.slice(0, 12)]);
        const { stdout } = await run(process.execPath, [CLI, '--name', 'carol'], {
            env: { ...process.env, ...env.env() },
        });
        const carol = stdout.trim().split('\n').at(-1) ?? '';
        const keyed = await (0, test_env_1.startApp)(env, { ...stubs.env(), APP_ROLE: 'api' });
        try {
            const refused = await (0, http_client_1.requestJson)(`${keyed.url}/jobs`, { headers: { 'x-api-key': planted } });
            strict_1.default.equal(refused.status, 401);
            const served = await (0, http_client_1.requestJson)(`${keyed.url}/jobs`, { headers: { 'x-api-key': carol } });
            strict_1.default.equal(served.status, 200);
        }
        finally {
            await keyed.close();
        }
    });
});
(0, node_test_1.describe)('reconciler with a backlog', () => {
    const backlog = (0, use_orchestrator_1.useOrchestrator)({
        beforeStart: () => Promise.resolve(backlog.stubs.script('parse', () => ({ hangMs: 60_000 }))),
        env: {
            APP_ROLE: 'worker',
            WORKER_CONCURRENCY: '1',
            RECONCILE_INTERVAL_MS: '3600000',
            SHUTDOWN_GRACE_MS: '0',
        },
    });
    const { env, app } = backlog;
    (0, node_test_1.it)('puts back a job Redis lost however many older unfinished jobs come before it', async () => {
        await env.sql(`INSERT INTO jobs (id, prompt, owner, status, deadline_at, created_at)
       SELECT gen_random_uuid(), 'old ' || n, 'anonymous', 'PENDING', now() + interval '1 hour',
              now() - interval '1 hour' + n * interval '1 ms'
         FROM generate_series(1, 1500) AS n`);
        const [youngest] = await env.sql(`SELECT id FROM jobs ORDER BY created_at DESC LIMIT 1`);
        const report = await app.app.get(reconciler_service_1.Reconciler).sweep();
        strict_1.default.ok(report, 'the sweep ran');
        strict_1.default.equal(report.requeued.length, 1500);
        strict_1.default.ok(report.requeued.includes(youngest.id), 'the youngest job is queued again');
    });
});
//# sourceMappingURL=lifecycle.e2e.js.map