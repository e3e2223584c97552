"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const ioredis_1 = __importDefault(require("ioredis"));
const metrics_1 = require("../src/observability/metrics");
const file_server_1 = require("./support/file-server");
const http_client_1 = require("./support/http-client");
const test_env_1 = require("./support/test-env");
const use_orchestrator_1 = require("./support/use-orchestrator");
const wav_fixture_1 = require("./support/wav-fixture");
(0, node_test_1.describe)('pipeline against stub services', () => {
    const files = new file_server_1.FileServer();
    const { env, stubs, app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [files],
        env: {
            PROMPT_PARSER_TIMEOUT_MS: '500',
            REFERENCE_TRACK_MAX_BYTES: '100000',
            PROMPT_PARSER_CONCURRENCY: '0',
            STYLE_ANALYSIS_CONCURRENCY: '0',
            SOUND_GENERATION_CONCURRENCY: '0',
            MIXING_MASTERING_CONCURRENCY: '0',
        },
        resetStubEachTest: true,
    });
    async function create(body) {
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, body);
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        return res.body.job_id;
    }
    (0, node_test_1.it)('runs parse, generate and mix in order with Idempotency-Key per step, and stores the result', async () => {
        const jobId = await create({ prompt: 'a chill lo-fi beat, 100 bpm' });
        const job = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(job.status, 'SUCCESS');
        strict_1.default.deepEqual(job.result, { final_track_url: 'https://cdn.example.com/output/master.wav' });
        strict_1.default.deepEqual(stubs.calls.map((c) => [c.service, c.key]), [
            ['parse', `${jobId}:parse_prompt`],
            ['generate', `${jobId}:generate_sound`],
            ['process', `${jobId}:mix_master`],
        ]);
        strict_1.default.deepEqual(JSON.parse(stubs.callsTo('generate')[0].body), {
            prompt_spec: {
                tempo: 100,
                key: 'C minor',
                genre: 'lo-fi hip hop',
                instruments: ['piano', 'drums'],
                mood: 'chill',
            },
        });
        strict_1.default.deepEqual(JSON.parse(stubs.callsTo('process')[0].body), {
            stem_paths: ['/stems/p.wav', '/stems/d.wav'],
        });
        strict_1.default.deepEqual(job.steps.map((s) => [s.name, s.status, s.attempts]), [
            ['parse_prompt', 'SUCCEEDED', 1],
            ['generate_sound', 'SUCCEEDED', 1],
            ['mix_master', 'SUCCEEDED', 1],
        ]);
        strict_1.default.ok(job.steps.every((s) => typeof s.duration_ms === 'number' && s.duration_ms >= 0), 'every finished step has its duration');
        const [row] = await env.sql('SELECT status, result, finished_at FROM jobs WHERE id = $1', [jobId]);
        strict_1.default.equal(row.status, 'SUCCESS');
        strict_1.default.deepEqual(row.result, job.result);
        strict_1.default.ok(row.finished_at);
        const events = await env.sql('SELECT type FROM job_events WHERE job_id = $1 ORDER BY id', [jobId]);
        strict_1.default.deepEqual(events.map((e) => e.type), [
            'job.status',
            'job.status',
            'step.started',
            'step.succeeded',
            'step.started',
            'step.succeeded',
            'step.started',
            'step.succeeded',
            'job.status',
        ]);
    });
    (0, node_test_1.it)('downloads the reference track and uploads it to style analysis as multipart "file"', async () => {
        const wav = (0, wav_fixture_1.clickTrackWav)(2);
        const url = files.serve('/ref.wav', wav);
        const jobId = await create({ prompt: 'house track', reference_track_url: url });
        const job = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const [upload] = stubs.callsTo('analyze');
        strict_1.default.match(upload.contentType ?? '', /^multipart\/form-data; boundary=/);
        strict_1.default.match(upload.body, /Content-Disposition: form-data; name="file"; filename="ref.wav"/i);
        strict_1.default.ok(upload.body.includes(wav.subarray(0, 64).toString('latin1')), 'the WAV bytes are uploaded');
        const generate = JSON.parse(stubs.callsTo('generate')[0].body);
        strict_1.default.deepEqual(generate.style_features, {
            tempo: 92.3,
            key: 'A minor',
            segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
        });
        strict_1.default.deepEqual(job.steps.map((s) => s.name), ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master']);
    });
    (0, node_test_1.it)('fails the job with the service message when a service answers 400, and calls nothing after', async () => {
        stubs.script('generate', () => ({
            status: 400,
            body: { detail: 'instrument "kazoo" is not supported' },
        }));
        const jobId = await create({ prompt: 'kazoo solo' });
        const job = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(job.status, 'FAILURE');
        strict_1.default.equal(job.result?.error, 'sound-generation answered 400: instrument "kazoo" is not supported');
        strict_1.default.equal(job.result?.step, 'Generating Sound');
        strict_1.default.equal(job.error?.step, 'generate_sound');
        strict_1.default.equal(stubs.callsTo('generate').length, 1, 'a permanent error is not retried');
        strict_1.default.equal(stubs.callsTo('process').length, 0);
    });
    (0, node_test_1.it)('retries a 503 twice and succeeds, with three attempts recorded', async () => {
        stubs.script('generate', (_call, n) => n <= 2 ? { status: 503, body: { detail: 'GPU busy' } } : undefined);
        const jobId = await create({ prompt: 'retry me' });
        const job = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const generate = job.steps.find((s) => s.name === 'generate_sound');
        strict_1.default.equal(generate?.attempts, 3);
        strict_1.default.deepEqual(generate?.attempt_log.map((a) => a.outcome), ['retrying', 'retrying', 'succeeded']);
        strict_1.default.equal(stubs.callsTo('parse').length, 1, 'the completed step is not called again');
        strict_1.default.ok(stubs.callsTo('generate').every((c) => c.key === `${jobId}:generate_sound`));
    });
    (0, node_test_1.it)('with the service unlimited, waits out the Retry-After of a service at capacity, and every job succeeds', async () => {
        stubs.capacity = { generate: 1 };
        stubs.delayMs = { generate: 700 };
        const ids = await Promise.all([create({ prompt: 'first' }), create({ prompt: 'second' })]);
        const jobs = await Promise.all(ids.map((id) => (0, http_client_1.waitForJob)(app.url, id)));
        strict_1.default.deepEqual(jobs.map((job) => job.status), ['SUCCESS', 'SUCCESS']);
        const refused = stubs.callsTo('generate').filter((c) => c.outcome === 'refused');
        strict_1.default.equal(refused.length, 1, 'the call beyond capacity was refused');
        const [retry] = stubs.callsFor(refused[0].jobId, 'generate_sound').filter((c) => c.n === 2);
        strict_1.default.equal(retry?.outcome, 'executed');
        strict_1.default.ok(retry.at - refused[0].at >= 950, `retried ${retry.at - refused[0].at} ms later`);
    });
    (0, node_test_1.it)('treats a timeout as transient and gives up after the attempt budget', async () => {
        stubs.script('parse', () => ({ hangMs: 2_000 }));
        const jobId = await create({ prompt: 'slow parser' });
        const job = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(job.status, 'FAILURE');
        strict_1.default.match(job.error?.message ?? '', /timed out after 500 ms \(gave up after 4 attempts\)/);
        strict_1.default.equal(stubs.callsTo('parse').length, 4);
    });
    (0, node_test_1.it)('fails with a clear error on a malformed service response', async () => {
        stubs.script('parse', () => ({ raw: '{"tempo": "fast"' }));
        const jobId = await create({ prompt: 'broken parser' });
        const job = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(job.status, 'FAILURE');
        strict_1.default.match(job.error?.message ?? '', /malformed response: not JSON/);
        stubs.script('parse', () => ({ body: { tempo: 'fast' } }));
        const second = await (0, http_client_1.waitForJob)(app.url, await create({ prompt: 'wrong types' }));
        strict_1.default.match(second.error?.message ?? '', /malformed response: tempo must be a number or null/);
    });
    (0, node_test_1.it)('fails the job, not the server, when the reference track is missing, too big or not audio', async () => {
        const cases = [
            [
                files.serve('/missing-on-purpose.wav', Buffer.from('gone'), 'text/plain', 404),
                /answered 404/,
            ],
            [files.serve('/page.html', Buffer.from('<html>hello</html>'), 'text/html'), /not audio/],
            [files.serve('/huge.wav', (0, wav_fixture_1.clickTrackWav)(5)), /larger than the 100000-byte limit/],
        ];
        for (const [url, message] of cases) {
            const job = await (0, http_client_1.waitForJob)(app.url, await create({ prompt: 'with ref', reference_track_url: url }));
            strict_1.default.equal(job.status, 'FAILURE');
            strict_1.default.equal(job.error?.step, 'analyze_style');
            strict_1.default.match(job.error?.message ?? '', message);
        }
        strict_1.default.equal(stubs.callsTo('analyze').length, 0);
    });
    async function createWaitingOutRetry(prompt) {
        stubs.script('generate', () => ({
            status: 503,
            body: { detail: 'GPU busy' },
            headers: { 'retry-after': '60' },
        }));
        const jobId = await create({ prompt });
        await (0, http_client_1.waitForJob)(app.url, jobId, (job) => job.steps.some((s) => s.name === 'generate_sound' && s.status === 'RETRYING'));
        return jobId;
    }
    const stepStates = (job) => job.steps.map((s) => [s.name, s.status]);
    (0, node_test_1.it)('cancel during a retry backoff ends the waiting step CANCELLED with the job', async () => {
        const jobId = await createWaitingOutRetry('cancel me while I wait');
        const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}/cancel`, { method: 'POST' });
        strict_1.default.equal(res.status, 202);
        strict_1.default.equal(res.body.status, 'CANCELLED');
        strict_1.default.deepEqual(stepStates(res.body), [
            ['parse_prompt', 'SUCCEEDED'],
            ['generate_sound', 'CANCELLED'],
        ]);
        strict_1.default.equal(stubs.callsTo('generate', jobId).length, 1, 'the retry never ran');
    });
    (0, node_test_1.it)('the deadline fails a job waiting out a retry: its step FAILED too, counted and pushed to listeners', async () => {
        const jobId = await createWaitingOutRetry('too late');
        const listener = new ioredis_1.default(test_env_1.REDIS_BASE_URL);
        const pushed = [];
        listener.on('message', (_channel, ids) => pushed.push(...ids.split(',')));
        await listener.subscribe(`${env.name}:job-events`);
        const metrics = app.app.get(metrics_1.Metrics);
        const failures = async () => (await metrics.jobsFinished.get()).values.find((v) => v.labels.status === 'FAILURE')?.value ??
            0;
        const failuresBefore = await failures();
        try {
            await env.sql(`UPDATE jobs SET deadline_at = now() - interval '1 second' WHERE id = $1`, [
                jobId,
            ]);
            const job = await (0, http_client_1.waitForJob)(app.url, jobId, undefined, 5_000);
            strict_1.default.equal(job.status, 'FAILURE');
            strict_1.default.match(job.error?.message ?? '', /did not finish before its deadline/);
            strict_1.default.deepEqual(stepStates(job), [
                ['parse_prompt', 'SUCCEEDED'],
                ['generate_sound', 'FAILED'],
            ]);
            const deadline = Date.now() + 2_000;
            while (!pushed.includes(jobId) && Date.now() < deadline)
                await new Promise((resolve) => setTimeout(resolve, 20));
            strict_1.default.ok(pushed.includes(jobId), 'live views were told at once, not at their next poll');
            strict_1.default.equal(await failures(), failuresBefore + 1, 'orchestrator_jobs_finished_total');
            const events = await env.sql(`SELECT type, data->>'step' AS step FROM job_events WHERE job_id = $1 ORDER BY id DESC LIMIT 2`, [jobId]);
            strict_1.default.deepEqual(events.map((e) => [e.type, e.step]), [
                ['job.status', null],
                ['step.failed', 'generate_sound'],
            ]);
        }
        finally {
            await listener.quit();
        }
    });
    (0, node_test_1.it)('shows the current step while processing, as the original clients expect', async () => {
        stubs.script('generate', () => ({ hangMs: 600 }));
        const jobId = await create({ prompt: 'watch me' });
        const seen = await (0, http_client_1.waitForJob)(app.url, jobId, (job) => job.status === 'PROCESSING' && job.result?.step === 'Generating Sound');
        strict_1.default.equal(seen.current_step, 'generate_sound');
        const done = await (0, http_client_1.waitForJob)(app.url, jobId);
        strict_1.default.equal(done.status, 'SUCCESS');
        const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${jobId}`);
        strict_1.default.equal(res.status, 200);
    });
});
//# sourceMappingURL=pipeline.e2e.js.map