"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const api_keys_1 = require("./support/api-keys");
const eventually_1 = require("./support/eventually");
const http_client_1 = require("./support/http-client");
const service_line_1 = require("./support/service-line");
const sse_client_1 = require("./support/sse-client");
const webhook_receiver_1 = require("./support/webhook-receiver");
const use_orchestrator_1 = require("./support/use-orchestrator");
const scenario_1 = require("./faults/scenario");
const GENERATION = { service: 'sound-generation' };
(0, node_test_1.describe)('capacity-aware dispatch', () => {
    const receiver = new webhook_receiver_1.Receiver();
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: scenario_1.FAULT_SUITE_STUB,
        helpers: [receiver],
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
    const startStack = async (extra = {}) => {
        const [api, ...workers] = await Promise.all([
            harness.startProcess('api', { APP_ROLE: 'api', ...extra }),
            harness.startProcess('worker-1', { APP_ROLE: 'worker', ...extra }),
            harness.startProcess('worker-2', { APP_ROLE: 'worker', ...extra }),
        ]);
        return { api, workers, all: [api, ...workers].map((p) => p.url) };
    };
    const refused = () => stub.callsTo('generate').filter((c) => c.outcome === 'refused').length;
    const holdGeneration = () => {
        const held = new Set();
        let open;
        const gate = new Promise((resolve) => (open = resolve));
        stub.fault = (call) => call.service === 'generate' && held.has(call.prompt) ? { until: gate } : undefined;
        return { held, open: () => open() };
    };
    const createQueued = async (apiUrl, body, headers = {}) => {
        const id = await (0, service_line_1.createTrack)(apiUrl, body, headers);
        await (0, http_client_1.waitForJob)(apiUrl, id, (job) => (job.queue ?? null) !== null, 15_000);
        return id;
    };
    (0, node_test_1.it)('with SOUND_GENERATION_CONCURRENCY=2: every job succeeds, never more than 2 calls at once, none refused, parse and mix run beside a full generation', async () => {
        stub.capacity = { generate: 2 };
        stub.delayMs = { generate: 1_000, parse: 300, process: 300 };
        const { api, workers } = await startStack({ SOUND_GENERATION_CONCURRENCY: '2' });
        const first = await (0, service_line_1.createTracks)(api.url, 10, 'limited');
        await (0, eventually_1.eventually)(() => stub.inFlight('generate') === 2, 'generation to be full', 15_000);
        const second = await (0, service_line_1.createTracks)(api.url, 10, 'limited later');
        const ids = [...first, ...second];
        (0, scenario_1.expectOutcome)('capacity-limit-2', await settled(ids, 60_000), { succeeded: 20 });
        strict_1.default.equal(refused(), 0, 'no generation call was refused');
        strict_1.default.equal(stub.peakInFlight.generate, 2, 'generation ran at its capacity, never above');
        const generation = (0, service_line_1.accepted)(stub.callsTo('generate'));
        strict_1.default.equal(generation.length, 20, 'one generation call per job');
        const besideFull = (service) => stub.callsTo(service).filter((c) => (0, service_line_1.ranWhileBusy)(c, generation.filter((g) => g.jobId !== c.jobId), 2)).length;
        const parses = besideFull('parse');
        const mixes = besideFull('process');
        console.log(`# limit 2: ${parses} parse and ${mixes} mix calls ran while generation was full`);
        strict_1.default.ok(parses >= 5, `parse calls ran while generation was full (${parses})`);
        strict_1.default.ok(mixes >= 1, `mix calls ran while generation was full (${mixes})`);
        strict_1.default.equal(await (0, service_line_1.metricSum)(workers.map((w) => w.url), 'orchestrator_service_rejected_total', GENERATION), 0, 'no rejected call counted');
    });
    (0, node_test_1.it)('a job waiting for a slot holds no worker slot: two workers of 2 slots each still run every step', async () => {
        stub.capacity = { generate: 1 };
        stub.delayMs = { generate: 300, parse: 200, process: 200 };
        const { api } = await startStack({
            SOUND_GENERATION_CONCURRENCY: '1',
            WORKER_CONCURRENCY: '2',
        });
        const ids = await (0, service_line_1.createTracks)(api.url, 10, 'few worker slots');
        (0, scenario_1.expectOutcome)('capacity-worker-slots', await settled(ids, 45_000), {
            succeeded: 10,
        });
        const generation = (0, service_line_1.accepted)(stub.callsTo('generate'));
        strict_1.default.equal(refused(), 0, 'no generation call was refused');
        const beside = [...stub.callsTo('parse'), ...stub.callsTo('process')].filter((c) => (0, service_line_1.ranWhileBusy)(c, generation.filter((g) => g.jobId !== c.jobId), 1)).length;
        strict_1.default.ok(beside >= 5, `parse and mix calls ran beside generation (${beside})`);
    });
    (0, node_test_1.it)('adaptive (no limit set): every job succeeds and refused calls stay under 20% of jobs', async () => {
        stub.capacity = { generate: 2 };
        stub.delayMs = { generate: 1_000 };
        const { api, workers } = await startStack();
        const ids = await (0, service_line_1.createTracks)(api.url, 20, 'adaptive');
        (0, scenario_1.expectOutcome)('capacity-adaptive', await settled(ids, 60_000), { succeeded: 20 });
        const rejected = refused();
        const limit = (0, service_line_1.metricValue)(await (await fetch(`${api.url}/metrics`)).text(), 'orchestrator_service_limit', GENERATION);
        console.log(`# adaptive: ${rejected} refused generation calls for 20 jobs, peak ${stub.peakInFlight.generate} at once, limit now ${limit}`);
        strict_1.default.ok(rejected < 0.2 * ids.length, `refused calls: ${rejected}`);
        strict_1.default.equal(stub.peakInFlight.generate, 2, 'the service was used at its capacity');
        strict_1.default.equal(await (0, service_line_1.metricSum)(workers.map((w) => w.url), 'orchestrator_service_rejected_total', GENERATION), rejected, 'orchestrator_service_rejected_total counts every refused call');
        strict_1.default.ok(limit !== undefined && limit >= 1, `the learnt limit is shown (${limit})`);
    });
    (0, node_test_1.it)('priority orders one owner’s waiting jobs: high, then normal, then low, each in order of arrival', async () => {
        stub.capacity = { generate: 1 };
        stub.delayMs = { generate: 100 };
        const gate = holdGeneration();
        const { api } = await startStack({ SOUND_GENERATION_CONCURRENCY: '1' });
        gate.held.add('priority blocker');
        const blocker = await (0, service_line_1.createTrack)(api.url, { prompt: 'priority blocker' });
        await (0, eventually_1.eventually)(() => stub.inFlight('generate') === 1, 'the blocker to hold the slot');
        const bad = await (0, http_client_1.postJson)(`${api.url}/create-track`, { prompt: 'x', priority: 'urgent' });
        strict_1.default.equal(bad.status, 400, 'an unknown priority is refused');
        const order = ['low', 'normal', 'high', 'low', 'normal', 'high', 'low', undefined, 'high'];
        const ids = [];
        for (const [i, priority] of order.entries())
            ids.push(await createQueued(api.url, { prompt: `priority ${i}`, ...(priority ? { priority } : {}) }));
        const views = await Promise.all(ids.map((id) => (0, service_line_1.getJob)(api.url, id)));
        strict_1.default.deepEqual(views.map((v) => v.priority), order.map((p) => p ?? 'normal'), 'priority is shown, normal by default');
        gate.open();
        (0, scenario_1.expectOutcome)('capacity-priority', await settled([blocker, ...ids]), {
            succeeded: ids.length + 1,
        });
        const started = (0, service_line_1.accepted)(stub.callsTo('generate'))
            .filter((c) => c.jobId !== blocker)
            .sort((a, b) => a.at - b.at)
            .map((c) => ids.indexOf(c.jobId));
        strict_1.default.deepEqual(started, [2, 5, 8, 1, 4, 7, 0, 3, 6], 'generation order');
    });
    (0, node_test_1.it)('a known line: positions 1..N in order, eta grows with position; a cancelled waiting job ends at once and frees its place', async () => {
        stub.capacity = { generate: 1 };
        stub.delayMs = { generate: 1_000 };
        const { api, workers } = await startStack({
            SOUND_GENERATION_CONCURRENCY: '1',
            WEBHOOK_SECRET: `whsec_${Buffer.from('capacity-dispatch-webhook-secret').toString('base64')}`,
            WEBHOOK_POLL_INTERVAL_MS: '100',
        });
        const warm = await (0, service_line_1.createTrack)(api.url, { prompt: 'line warm-up' });
        strict_1.default.equal((await (0, http_client_1.waitForJob)(api.url, warm)).status, 'SUCCESS');
        const gate = holdGeneration();
        gate.held.add('line blocker');
        const blocker = await (0, service_line_1.createTrack)(api.url, { prompt: 'line blocker' });
        await (0, eventually_1.eventually)(() => stub.inFlight('generate') === 1, 'the blocker to hold the slot');
        strict_1.default.equal((await (0, service_line_1.getJob)(api.url, blocker)).queue, null, 'a running job is not in line');
        const line = [];
        const hook = receiver.on('/line', () => ({ status: 204 }));
        for (let i = 0; i < 5; i++)
            line.push(await createQueued(api.url, {
                prompt: `line ${i}`,
                ...(i === 2 ? { webhook_url: hook, webhook_events: ['step.queued'] } : {}),
            }));
        const views = await Promise.all(line.map((id) => (0, service_line_1.getJob)(api.url, id)));
        strict_1.default.deepEqual(views.map((v) => [v.status, v.queue?.step, v.queue?.position]), line.map((_, i) => ['PROCESSING', 'generate_sound', i + 1]), 'each waiting job shows its place in line');
        const etas = views.map((v) => v.queue.eta_seconds);
        strict_1.default.ok(etas.every((eta, i) => typeof eta === 'number' && eta >= 0 && (i === 0 || eta >= etas[i - 1])) && etas[etas.length - 1] > etas[0], `eta_seconds grows with the position: ${etas.join(', ')}`);
        for (const view of views) {
            strict_1.default.equal(view.result?.step, 'Generating Sound', 'the original clients see the step');
            const step = view.steps.find((s) => s.name === 'generate_sound');
            strict_1.default.equal(step?.status, 'QUEUED', 'the waiting step is QUEUED');
            strict_1.default.equal(view.steps.find((s) => s.name === 'parse_prompt')?.status, 'SUCCEEDED');
        }
        const listed = await (0, http_client_1.requestJson)(`${api.url}/jobs?status=PROCESSING&limit=100`);
        const listedLine = new Map(listed.body.items.map((item) => [item.job_id, item]));
        strict_1.default.deepEqual(line.map((id) => [listedLine.get(id)?.queue?.position, listedLine.get(id)?.priority]), line.map((_, i) => [i + 1, 'normal']), 'the list shows each place in line and the priority');
        const sse = new sse_client_1.SseClient(`${api.url}/jobs/${line[2]}/events`);
        await sse.opened;
        await sse.until(() => sse.events.some((e) => e.type === 'step.queued'), 'the step.queued event');
        sse.close();
        const queued = sse.events.find((e) => e.type === 'step.queued')?.data;
        strict_1.default.deepEqual([queued?.step, queued?.position], ['generate_sound', 3], 'step.queued names the step and the place in line');
        await (0, eventually_1.eventually)(() => receiver.forJob(line[2]).length > 0, 'the step.queued webhook');
        strict_1.default.deepEqual(receiver
            .forJob(line[2])
            .map((r) => [r.parsed.type, r.parsed.data.step, r.parsed.data.position]), [['step.queued', 'generate_sound', 3]], 'the webhook of step.queued names the step and the place in line');
        const metrics = await (await fetch(`${api.url}/metrics`)).text();
        strict_1.default.deepEqual(['in_flight', 'limit', 'waiting'].map((m) => (0, service_line_1.metricValue)(metrics, `orchestrator_service_${m}`, GENERATION)), [1, 1, 5], 'in flight, limit and waiting of sound generation');
        const viewRows = await env.sql(`SELECT job_id, position, step FROM service_line WHERE service = 'sound-generation' ORDER BY position`);
        strict_1.default.deepEqual(viewRows.map((r) => [r.job_id, r.position, r.step]), line.map((id, i) => [id, i + 1, 'generate_sound']), 'the service_line view lists the line in order');
        const snapshot = () => env.sql(`SELECT j.id, j.attempt, j.updated_at, j.status,
                (SELECT count(*)::int FROM job_events e WHERE e.job_id = j.id) AS events,
                (SELECT json_agg(json_build_object('step', s.step, 'status', s.status,
                        'attempts', s.attempts) ORDER BY s.step)
                   FROM job_steps s WHERE s.job_id = j.id) AS steps
           FROM jobs j WHERE j.id = ANY($1) ORDER BY j.id`, [line]);
        const callsBefore = stub.calls.length;
        const before = await snapshot();
        await (0, scenario_1.sleep)(2_500);
        strict_1.default.deepEqual(await snapshot(), before, 'the waiting jobs were left alone');
        strict_1.default.equal(stub.calls.length, callsBefore, 'no call was tried while the line waited');
        const cancel = await (0, http_client_1.requestJson)(`${api.url}/jobs/${line[1]}/cancel`, {
            method: 'POST',
        });
        strict_1.default.equal(cancel.status, 202);
        const cancelled = await (0, http_client_1.waitForJob)(api.url, line[1], (j) => j.status === 'CANCELLED', 3_000);
        strict_1.default.equal(cancelled.queue, null, 'a cancelled job is not in line');
        const rest = [line[0], ...line.slice(2)];
        await (0, eventually_1.eventually)(async () => {
            const now = await Promise.all(rest.map((id) => (0, service_line_1.getJob)(api.url, id)));
            return now.every((v, i) => v.queue?.position === i + 1);
        }, 'the places behind the cancelled job to move up', 5_000);
        const waiting = (0, service_line_1.metricValue)(await (await fetch(`${api.url}/metrics`)).text(), 'orchestrator_service_waiting', GENERATION);
        strict_1.default.equal(waiting, 4, 'the cancelled job left the line');
        gate.open();
        (0, scenario_1.expectOutcome)('capacity-line', await settled([blocker, ...line]), {
            succeeded: 5,
            cancelled: 1,
        });
        strict_1.default.equal(stub.callsFor(line[1], 'generate_sound').length, 0, 'never generated');
        strict_1.default.equal(stub.callsFor(line[1], 'mix_master').length, 0, 'never mixed');
        strict_1.default.deepEqual((0, service_line_1.accepted)(stub.callsTo('generate'))
            .filter((c) => rest.includes(c.jobId))
            .sort((a, b) => a.at - b.at)
            .map((c) => rest.indexOf(c.jobId)), [0, 1, 2, 3], 'the line was served in order');
        const after = await env.sql(`SELECT * FROM service_line`);
        strict_1.default.deepEqual(after, [], 'the line is empty once every job is done');
        const waited = await (0, service_line_1.metricSum)(workers.map((w) => w.url), 'orchestrator_service_wait_seconds_count', GENERATION);
        strict_1.default.ok(waited >= 4, `the wait histogram counted the waits (${waited})`);
    });
    (0, node_test_1.it)('time waiting in line does not count against JOB_DEADLINE_MS', async () => {
        stub.capacity = { generate: 1 };
        stub.delayMs = { generate: 500 };
        const { api } = await startStack({
            SOUND_GENERATION_CONCURRENCY: '1',
            JOB_DEADLINE_MS: '2000',
            RECONCILE_INTERVAL_MS: '300',
        });
        const ids = await (0, service_line_1.createTracks)(api.url, 8, 'deadline');
        (0, scenario_1.expectOutcome)('capacity-deadline', await settled(ids, 20_000), { succeeded: 8 });
    });
    (0, node_test_1.it)('fair share: owner B’s one job starts within three slot turns of owner A’s backlog; over MAX_BACKLOG_PER_OWNER is 429', async () => {
        const alice = { 'x-api-key': await (0, api_keys_1.createApiKey)(env, 'alice') };
        const bob = { 'x-api-key': await (0, api_keys_1.createApiKey)(env, 'bob') };
        stub.capacity = { generate: 1 };
        stub.delayMs = { generate: 200 };
        const settings = { SOUND_GENERATION_CONCURRENCY: '1', MAX_BACKLOG_PER_OWNER: '40' };
        const api = await harness.startProcess('api', { APP_ROLE: 'api', ...settings });
        const backlog = await (0, service_line_1.createTracks)(api.url, 40, 'owner A', { headers: alice });
        const over = await (0, http_client_1.postJson)(`${api.url}/create-track`, { prompt: 'owner A, one too many' }, alice);
        strict_1.default.equal(over.status, 429, `the 41st unfinished job is refused: ${JSON.stringify(over.body)}`);
        strict_1.default.equal(typeof over.body.detail, 'string');
        strict_1.default.ok(typeof over.body.estimated_wait_seconds === 'number' && over.body.estimated_wait_seconds >= 0, `estimated_wait_seconds: ${over.body.estimated_wait_seconds}`);
        await Promise.all(['worker-1', 'worker-2'].map((name) => harness.startProcess(name, { APP_ROLE: 'worker', ...settings })));
        await (0, eventually_1.eventually)(async () => {
            const [row] = await env.sql(`SELECT count(*)::int AS n FROM service_line WHERE service = 'sound-generation'`);
            return row.n >= 20;
        }, "owner A's backlog to wait in line", 15_000);
        const createdAt = Date.now();
        const single = await (0, service_line_1.createTrack)(api.url, { prompt: 'owner B' }, bob);
        (0, scenario_1.expectOutcome)('capacity-fairness', await settled([...backlog, single], 45_000), {
            succeeded: 41,
        });
        const bStart = stub.callsFor(single, 'generate_sound')[0].at;
        const aTurns = (0, service_line_1.accepted)(stub.callsTo('generate')).filter((c) => c.jobId !== single && c.at >= createdAt && c.at < bStart).length;
        const aAfter = (0, service_line_1.accepted)(stub.callsTo('generate')).filter((c) => c.at > bStart).length;
        console.log(`# fairness: ${aTurns} of A's calls started before B's, ${aAfter} after`);
        strict_1.default.ok(aTurns <= 3, `B waited ${aTurns} slot turns`);
        strict_1.default.ok(aAfter >= 10, `A's backlog was still waiting when B's call started (${aAfter})`);
    });
});
//# sourceMappingURL=capacity-dispatch.e2e.js.map