"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_test_1 = require("node:test");
const api_key_cli_1 = require("./support/api-key-cli");
const file_server_1 = require("./support/file-server");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const exists = (file) => (0, promises_1.access)(file).then(() => true, () => false);
(0, node_test_1.describe)('deleting a job', () => {
    const files = new file_server_1.FileServer();
    let alice;
    let bob;
    const harness = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        helpers: [files],
        beforeStart: async () => {
            alice = await (0, api_key_cli_1.createKey)(harness.env, 'alice');
            bob = await (0, api_key_cli_1.createKey)(harness.env, 'bob');
        },
        env: { RECONCILE_INTERVAL_MS: '3600000' },
    });
    const { env, app } = harness;
    const as = (key) => ({ 'x-api-key': key });
    async function createJob(body) {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, body, as(alice));
        strict_1.default.equal(created.status, 202, JSON.stringify(created.body));
        return created.body.job_id;
    }
    async function jobOf(id, until) {
        const deadline = Date.now() + 30_000;
        for (;;) {
            const res = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, { headers: as(alice) });
            strict_1.default.equal(res.status, 200);
            if (until === undefined || until(res.body))
                return res.body;
            strict_1.default.ok(Date.now() < deadline, `job ${id}: ${JSON.stringify(res.body)}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }
    const finished = (job) => ['SUCCESS', 'FAILURE', 'CANCELLED'].includes(job.status);
    function deleteJob(id, key = alice) {
        return (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, {
            method: 'DELETE',
            headers: as(key),
        });
    }
    async function rowCounts(id) {
        const [row] = await env.sql(`SELECT (SELECT count(*) FROM jobs WHERE id = $1) AS jobs,
              (SELECT count(*) FROM job_steps WHERE job_id = $1) AS job_steps,
              (SELECT count(*) FROM job_events WHERE job_id = $1) AS job_events,
              (SELECT count(*) FROM webhook_deliveries WHERE job_id = $1) AS webhook_deliveries`, [id]);
        return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    }
    async function filesOf(id) {
        const steps = await env.sql("SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('generate_sound', 'mix_master')", [id]);
        const stems = steps.find((s) => s.step === 'generate_sound')?.output.stems ?? {};
        const master = steps.find((s) => s.step === 'mix_master')?.output.output_path;
        return [...Object.values(stems), String(master)];
    }
    (0, node_test_1.it)('removes a finished job with its steps, events and files; its links and the job answer 404', async () => {
        const id = await createJob({ prompt: 'lo-fi piano and drums, 90 bpm' });
        const job = await jobOf(id, finished);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const written = await filesOf(id);
        strict_1.default.equal(written.length, 3, 'two stems and the master');
        for (const file of written)
            strict_1.default.ok(await exists(file), file);
        const master = job.result?.final_track_url ?? '';
        strict_1.default.equal((await fetch(master)).status, 200);
        const before = await rowCounts(id);
        strict_1.default.ok(before.job_steps > 0 && before.job_events > 0, JSON.stringify(before));
        strict_1.default.equal((await deleteJob(id, bob)).status, 404, "another key's job is not found");
        strict_1.default.deepEqual(await rowCounts(id), before, 'nothing removed for another key');
        const deleted = await deleteJob(id);
        strict_1.default.equal(deleted.status, 204);
        strict_1.default.deepEqual(await rowCounts(id), {
            jobs: 0,
            job_steps: 0,
            job_events: 0,
            webhook_deliveries: 0,
        });
        for (const file of written)
            strict_1.default.equal(await exists(file), false, file);
        strict_1.default.equal((await fetch(master)).status, 404, 'the signed master link');
        const gone = await (0, http_client_1.requestJson)(`${app.url}/jobs/${id}`, { headers: as(alice) });
        strict_1.default.equal(gone.status, 404);
        const again = await deleteJob(id);
        strict_1.default.equal(again.status, 404);
        strict_1.default.equal(again.body.detail, 'Job not found');
    });
    (0, node_test_1.it)('refuses while the job runs (409 naming its status), and deletes it once cancelled', async () => {
        const id = await createJob({ prompt: 'ambient pads', reference_track_url: files.hang('/ref') });
        await jobOf(id, (job) => job.steps.some((s) => s.status === 'RUNNING'));
        const before = await rowCounts(id);
        const running = await deleteJob(id);
        strict_1.default.equal(running.status, 409);
        strict_1.default.equal(running.body.status, 'PROCESSING');
        strict_1.default.match(running.body.detail, /Job is PROCESSING; only finished jobs .* can be deleted/);
        strict_1.default.deepEqual(await rowCounts(id), before, 'nothing removed');
        const cancel = await (0, http_client_1.postJson)(`${app.url}/jobs/${id}/cancel`, {}, as(alice));
        strict_1.default.equal(cancel.status, 202);
        strict_1.default.equal((await jobOf(id, finished)).status, 'CANCELLED');
        strict_1.default.equal((await deleteJob(id)).status, 204);
        strict_1.default.equal((await rowCounts(id)).jobs, 0);
    });
    (0, node_test_1.it)('answers 400 for an id that is not a UUID', async () => {
        const res = await deleteJob('not-a-uuid');
        strict_1.default.equal(res.status, 400);
        strict_1.default.equal(res.body.detail, 'job_id must be a UUID');
    });
    (0, node_test_1.it)('never half-deletes a job that a retry reopens at the same moment', async () => {
        const notAudio = files.serve('/notes.txt', Buffer.from('not a track'), 'text/plain');
        for (let round = 0; round < 4; round++) {
            const id = await createJob({ prompt: `race ${round}`, reference_track_url: notAudio });
            strict_1.default.equal((await jobOf(id, finished)).status, 'FAILURE');
            const before = await rowCounts(id);
            const [retry, deleted] = await Promise.all([
                (0, http_client_1.postJson)(`${app.url}/jobs/${id}/retry`, {}, as(alice)),
                deleteJob(id),
            ]);
            const after = await rowCounts(id);
            if (deleted.status === 204) {
                strict_1.default.equal(retry.status, 404, `round ${round}: the retry found no job`);
                strict_1.default.deepEqual(after, { jobs: 0, job_steps: 0, job_events: 0, webhook_deliveries: 0 });
            }
            else {
                strict_1.default.equal(deleted.status, 409, `round ${round}: ${JSON.stringify(deleted.body)}`);
                strict_1.default.equal(retry.status, 202, `round ${round}`);
                strict_1.default.equal(after.job_steps, before.job_steps, `round ${round}: every step kept`);
                strict_1.default.equal((await jobOf(id, finished)).status, 'FAILURE', 'the retried job ran to its end');
            }
        }
    });
});
//# sourceMappingURL=delete-job.e2e.js.map