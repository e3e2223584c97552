"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const eventually_1 = require("../support/eventually");
const http_client_1 = require("../support/http-client");
const service_line_1 = require("../support/service-line");
const use_orchestrator_1 = require("../support/use-orchestrator");
const private_redis_1 = require("./private-redis");
const scenario_1 = require("./scenario");
(0, node_test_1.describe)('fault suite: capacity limits and the service line', () => {
    const privateRedis = new private_redis_1.PrivateRedis();
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: scenario_1.FAULT_SUITE_STUB,
        helpers: [privateRedis],
        app: false,
        resetStubEachTest: true,
        processesPerTest: true,
    });
    const { env, stubs: stub } = harness;
    const settled = async (ids, timeoutMs) => {
        const summary = await (0, scenario_1.settle)(env, ids, stub, timeoutMs);
        if (summary.stuck > 0)
            console.log(`# unfinished: ${await (0, service_line_1.describeUnfinished)(env, ids)}`);
        return summary;
    };
    const start = (name, extra) => harness.startProcess(name, {
        LOCK_DURATION_MS: '2000',
        STALLED_INTERVAL_MS: '1000',
        RECONCILE_INTERVAL_MS: '500',
        ...extra,
    });
    const refused = () => stub.callsTo('generate').filter((c) => c.outcome === 'refused').length;
    const waitingInLine = async () => (await env.sql(`SELECT count(*)::int AS n FROM service_line WHERE service = 'sound-generation'`))[0].n;
    const lineOf = async (n, ids, also = () => true) => {
        try {
            await (0, eventually_1.eventually)(async () => also() && (await waitingInLine()) >= n, `a line of ${n}`, 15_000);
        }
        catch (error) {
            const jobs = await env.sql('SELECT status, current_step, queued_at IS NOT NULL AS in_line, count(*)::int AS n FROM jobs WHERE id = ANY($1) GROUP BY 1, 2, 3', [ids]);
            throw new Error(`${String(error)}; ${await waitingInLine()} in line, generation in flight ${stub.inFlight('generate')}, jobs ${JSON.stringify(jobs)}`, { cause: error });
        }
    };
    const failedAttempts = (ids) => env.sql(`SELECT job_id, step, a AS attempt FROM job_steps, jsonb_array_elements(attempt_log) a
        WHERE job_id = ANY($1) AND a->>'outcome' NOT IN ('succeeded', 'interrupted')`, [ids]);
    const limitOf = (n) => {
        stub.capacity = { generate: n };
        return { SOUND_GENERATION_CONCURRENCY: String(n) };
    };
    (0, node_test_1.it)('SIGKILL of the worker holding every slot: its leases are released, every job succeeds, never over the limit', async () => {
        const limit = limitOf(2);
        stub.delayMs = { generate: 500 };
        const api = await start('api', { APP_ROLE: 'api', ...limit });
        const doomed = await start('worker-1', { APP_ROLE: 'worker', ...limit });
        const ids = await (0, service_line_1.createTracks)(api.url, 20, 'capacity sigkill');
        await lineOf(5, ids, () => stub.inFlight('generate') === 2);
        doomed.kill('SIGKILL');
        await doomed.waitForExit(5_000);
        const killedAt = Date.now();
        await (0, scenario_1.sleep)(100);
        strict_1.default.equal(stub.inFlight('generate'), 0, 'the killed calls were hung up');
        await start('worker-2', { APP_ROLE: 'worker', ...limit });
        await (0, eventually_1.eventually)(() => stub.callsTo('generate').some((c) => c.at > killedAt && c.outcome !== 'refused'), 'a generation call after the kill', 15_000);
        (0, scenario_1.expectOutcome)('capacity-sigkill', await settled(ids, 45_000), {
            succeeded: 20,
            crash: 'SIGKILL',
        });
        strict_1.default.equal(refused(), 0, 'no call over the limit');
        strict_1.default.ok((stub.peakInFlight.generate ?? 0) <= 2);
    });
    (0, node_test_1.it)('FLUSHALL while jobs wait in line: every job succeeds, no completed step runs twice, the limit holds', async () => {
        const limit = limitOf(2);
        const redis = { REDIS_URL: privateRedis.url, ...limit };
        stub.delayMs = { generate: 600 };
        const api = await start('api', { APP_ROLE: 'api', ...redis });
        await Promise.all([
            start('worker-1', { APP_ROLE: 'worker', ...redis }),
            start('worker-2', { APP_ROLE: 'worker', ...redis }),
        ]);
        const ids = await (0, service_line_1.createTracks)(api.url, 24, 'capacity flush');
        await lineOf(10, ids, () => stub.inFlight('generate') === 2);
        strict_1.default.ok((await privateRedis.flushAll()) > 0, 'Redis had keys to lose');
        (0, scenario_1.expectOutcome)('capacity-redis-flushall', await settled(ids, 60_000), {
            succeeded: ids.length,
        });
        strict_1.default.equal(refused(), 0, 'the flushed leases were rebuilt before new calls started');
        strict_1.default.equal((0, service_line_1.accepted)(stub.callsTo('generate')).length, ids.length, 'one call per job');
    });
    (0, node_test_1.it)('PostgreSQL backends terminated while jobs wait in line: every job succeeds, the limit holds', async () => {
        const limit = limitOf(2);
        stub.delayMs = { generate: 300 };
        const api = await start('api', { APP_ROLE: 'api', ...limit });
        await Promise.all([
            start('worker-1', { APP_ROLE: 'worker', ...limit }),
            start('worker-2', { APP_ROLE: 'worker', ...limit }),
        ]);
        const ids = await (0, service_line_1.createTracks)(api.url, 30, 'capacity pg-terminate');
        await lineOf(10, ids);
        let terminated = 0;
        for (let i = 0; i < 3; i++) {
            const rows = await env.sql('SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [env.name]);
            terminated += rows.filter((r) => r.killed).length;
            await (0, scenario_1.sleep)(400);
        }
        strict_1.default.ok(terminated >= 3, `connections were terminated (${terminated})`);
        (0, scenario_1.expectOutcome)('capacity-pg-terminate', await settled(ids, 60_000), {
            succeeded: ids.length,
            crash: 'pg_terminate_backend',
        });
        strict_1.default.equal(refused(), 0, 'no call over the limit');
    });
    (0, node_test_1.it)('SIGTERM of a worker with jobs waiting in line: exits 0, nothing lost, no attempt spent', async () => {
        const limit = limitOf(1);
        stub.delayMs = { generate: 400 };
        const grace = 3_000;
        const api = await start('api', { APP_ROLE: 'api', ...limit });
        const leaving = await start('worker-1', {
            APP_ROLE: 'worker',
            SHUTDOWN_GRACE_MS: String(grace),
            ...limit,
        });
        await start('worker-2', { APP_ROLE: 'worker', ...limit });
        const ids = await (0, service_line_1.createTracks)(api.url, 12, 'capacity sigterm');
        await lineOf(6, ids);
        leaving.kill('SIGTERM');
        strict_1.default.equal(await leaving.waitForExit(grace + 10_000), 0, `exit code:\n${leaving.output}`);
        strict_1.default.ok(((await (0, scenario_1.countByStatus)(env, ids)).SUCCESS ?? 0) < ids.length, 'the shutdown came with jobs left');
        (0, scenario_1.expectOutcome)('capacity-sigterm', await settled(ids, 45_000), {
            succeeded: ids.length,
        });
        strict_1.default.deepEqual(await failedAttempts(ids), [], 'waiting and the shutdown cost no attempt');
        strict_1.default.equal(refused(), 0, 'no call over the limit');
    });
    (0, node_test_1.it)('retry of a failed job that then waits in line: it shows its place, then resumes from the failed step', async () => {
        const limit = limitOf(1);
        stub.delayMs = { generate: 100 };
        let rejecting = true;
        const held = new Set();
        let open;
        const gate = new Promise((resolve) => (open = resolve));
        stub.fault = ({ service, prompt }) => {
            if (service !== 'generate')
                return undefined;
            if (rejecting && prompt === 'capacity retry')
                return { status: 422, body: { detail: 'model offline' } };
            return held.has(prompt) ? { until: gate } : undefined;
        };
        const api = await start('api', { APP_ROLE: 'api', ...limit });
        await start('worker', { APP_ROLE: 'worker', ...limit });
        const id = await (0, service_line_1.createTrack)(api.url, { prompt: 'capacity retry' });
        strict_1.default.equal((await (0, http_client_1.waitForJob)(api.url, id)).status, 'FAILURE');
        rejecting = false;
        held.add('capacity retry blocker');
        const blocker = await (0, service_line_1.createTrack)(api.url, { prompt: 'capacity retry blocker' });
        await (0, eventually_1.eventually)(() => stub.inFlight('generate') === 1, 'the blocker to hold the slot');
        const retry = await (0, http_client_1.requestJson)(`${api.url}/jobs/${id}/retry`, { method: 'POST' });
        strict_1.default.equal(retry.status, 202);
        await (0, http_client_1.waitForJob)(api.url, id, (job) => job.queue != null, 10_000);
        const waiting = await (0, service_line_1.getJob)(api.url, id);
        strict_1.default.deepEqual([waiting.status, waiting.queue?.step, waiting.queue?.position, waiting.result?.step], ['PROCESSING', 'generate_sound', 1, 'Generating Sound'], 'the retried job waits first in line');
        const other = await (0, http_client_1.postJson)(`${api.url}/create-track`, {
            prompt: 'capacity retry behind',
        });
        open();
        const done = await (0, http_client_1.waitForJob)(api.url, id, (j) => j.status === 'SUCCESS' || j.status === 'FAILURE');
        strict_1.default.equal(done.status, 'SUCCESS');
        strict_1.default.equal(stub.callsFor(id, 'parse_prompt').length, 1, 'the completed step was not called again');
        strict_1.default.equal(stub.callsFor(id, 'generate_sound').length, 2, 'the failed call and the retry');
        (0, scenario_1.expectOutcome)('capacity-retry', await settled([id, blocker, other.body.job_id]), {
            succeeded: 3,
        });
        strict_1.default.equal(refused(), 0, 'no call over the limit');
    });
});
//# sourceMappingURL=capacity-faults.e2e.js.map