"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = require("node:fs/promises");
const node_path_1 = require("node:path");
const node_test_1 = require("node:test");
const pg_1 = require("pg");
const advisory_locks_1 = require("../src/database/advisory-locks");
const retention_service_1 = require("../src/retention/retention.service");
const file_server_1 = require("./support/file-server");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const exists = (file) => (0, promises_1.access)(file).then(() => true, () => false);
(0, node_test_1.describe)('retention of finished jobs', () => {
    const files = new file_server_1.FileServer();
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        stub: false,
        helpers: [files],
        env: {
            RETENTION_DAYS: '30',
            WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
            RETENTION_INTERVAL_MS: '3600000',
            RECONCILE_INTERVAL_MS: '3600000',
        },
    });
    let retention;
    (0, node_test_1.before)(() => {
        retention = app.app.get(retention_service_1.RetentionService);
    });
    async function finishedJob(body, status) {
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, body);
        strict_1.default.equal(created.status, 202, JSON.stringify(created.body));
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id, undefined, 30_000);
        strict_1.default.equal(job.status, status, JSON.stringify(job.error));
        const steps = await env.sql("SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('generate_sound', 'mix_master')", [job.job_id]);
        const stems = steps.find((s) => s.step === 'generate_sound')?.output.stems ?? {};
        const master = steps.find((s) => s.step === 'mix_master')?.output.output_path;
        const written = [...Object.values(stems)];
        if (typeof master === 'string')
            written.push(master);
        for (const file of written)
            strict_1.default.ok(await exists(file), file);
        return { id: job.job_id, files: written };
    }
    async function age(ids, finishedDaysAgo) {
        await env.sql(`UPDATE jobs SET created_at = now() - make_interval(days => $2 + 1),
                       started_at = now() - make_interval(days => $2 + 1),
                       finished_at = now() - make_interval(days => $2)
        WHERE id = ANY($1::uuid[])`, [ids, finishedDaysAgo]);
    }
    async function rowCounts(ids) {
        const [row] = await env.sql(`SELECT (SELECT count(*) FROM jobs WHERE id = ANY($1::uuid[])) AS jobs,
              (SELECT count(*) FROM job_steps WHERE job_id = ANY($1::uuid[])) AS job_steps,
              (SELECT count(*) FROM job_events WHERE job_id = ANY($1::uuid[])) AS job_events,
              (SELECT count(*) FROM webhook_deliveries WHERE job_id = ANY($1::uuid[])) AS webhook_deliveries`, [ids]);
        return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    }
    (0, node_test_1.it)('deletes jobs finished before RETENTION_DAYS with their rows and files, and keeps the rest', async () => {
        const hook = files.serve('/hook', Buffer.from('ok'), 'text/plain');
        const notAudio = files.serve('/notes.txt', Buffer.from('not a track'), 'text/plain');
        const oldSuccess = await finishedJob({ prompt: 'old lo-fi piano and drums', webhook_url: hook }, 'SUCCESS');
        const oldFailure = await finishedJob({ prompt: 'old failure', reference_track_url: notAudio }, 'FAILURE');
        const recentSuccess = await finishedJob({ prompt: 'recent techno, bass and drums' }, 'SUCCESS');
        const borderline = await finishedJob({ prompt: 'ambient synth pads' }, 'SUCCESS');
        const [unfinished] = await env.sql(`INSERT INTO jobs (id, status, prompt, created_at, started_at, deadline_at)
       VALUES (gen_random_uuid(), 'PROCESSING', 'still running', now() - interval '90 days',
               now() - interval '90 days', now() + interval '1 day')
       RETURNING id`);
        await env.sql(`INSERT INTO job_events (job_id, type, data) VALUES ($1, 'job.status', '{"status":"PROCESSING"}')`, [unfinished.id]);
        const deadline = Date.now() + 10_000;
        while ((await rowCounts([oldSuccess.id])).webhook_deliveries === 0) {
            strict_1.default.ok(Date.now() < deadline, 'no webhook delivery was recorded');
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const removed = [oldSuccess.id, oldFailure.id];
        const kept = [recentSuccess.id, borderline.id, unfinished.id];
        await age(removed, 31);
        await age([borderline.id], 29);
        const before = await rowCounts(removed);
        strict_1.default.ok(before.job_steps > 0 && before.job_events > 0 && before.webhook_deliveries > 0);
        const keptBefore = await rowCounts(kept);
        const report = await retention.sweep();
        strict_1.default.deepEqual(report, { jobs: 2, files: oldSuccess.files.length });
        strict_1.default.deepEqual(await rowCounts(removed), {
            jobs: 0,
            job_steps: 0,
            job_events: 0,
            webhook_deliveries: 0,
        });
        for (const file of oldSuccess.files)
            strict_1.default.equal(await exists(file), false, file);
        strict_1.default.deepEqual(await rowCounts(kept), keptBefore);
        for (const file of [...recentSuccess.files, ...borderline.files]) {
            strict_1.default.ok(await exists(file), file);
        }
        const gone = await (0, http_client_1.requestJson)(`${app.url}/jobs/${oldSuccess.id}`);
        strict_1.default.equal(gone.status, 404);
        const list = await (0, http_client_1.requestJson)(`${app.url}/jobs/${recentSuccess.id}/artifacts`);
        strict_1.default.equal(list.body.artifacts.length, recentSuccess.files.length);
        const metrics = await (await fetch(`${app.url}/metrics`)).text();
        strict_1.default.match(metrics, /^orchestrator_retention_deleted_total\{kind="job"\} 2$/m);
        strict_1.default.match(metrics, new RegExp(`^orchestrator_retention_deleted_total\\{kind="file"\\} ${oldSuccess.files.length}$`, 'm'));
        strict_1.default.deepEqual(await retention.sweep(), { jobs: 0, files: 0 }, 'nothing left to remove');
    });
    (0, node_test_1.it)('works through many expired jobs in batches', async () => {
        const ids = await env.sql(`INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
       SELECT gen_random_uuid(), (ARRAY['SUCCESS', 'FAILURE', 'CANCELLED']::job_status[])[1 + n % 3],
              'bulk ' || n, now() - interval '60 days', now() - interval '59 days',
              now() - interval '59 days'
         FROM generate_series(1, 250) AS n
       RETURNING id`);
        await env.sql(`INSERT INTO job_events (job_id, type, data)
       SELECT id, 'job.status', '{}'::jsonb FROM jobs WHERE prompt LIKE 'bulk %'`);
        const report = await retention.sweep();
        strict_1.default.deepEqual(report, { jobs: 250, files: 0 });
        strict_1.default.deepEqual(await rowCounts(ids.map((r) => r.id)), {
            jobs: 0,
            job_steps: 0,
            job_events: 0,
            webhook_deliveries: 0,
        });
    });
    (0, node_test_1.it)('passes over whole batches of jobs whose files cannot be deleted, and keeps them until they can', async () => {
        const undeletable = (0, node_path_1.join)(env.artifactsDir, 'output', 'stuck_master.wav');
        await (0, promises_1.mkdir)(undeletable, { recursive: true });
        const stuck = await env.sql(`WITH j AS (
         INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
         SELECT gen_random_uuid(), 'SUCCESS', 'stuck ' || n,
                now() - interval '80 days' + n * interval '1 second',
                now() - interval '79 days', now() - interval '79 days'
           FROM generate_series(1, 130) AS n
         RETURNING id),
       s AS (
         INSERT INTO job_steps (job_id, step, status, output)
         SELECT id, 'mix_master', 'SUCCEEDED',
                jsonb_build_object('output_path', $1::text, 'message', 'Mixing and mastering complete.')
           FROM j)
       SELECT id FROM j`, [undeletable]);
        const later = await env.sql(`INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
       SELECT gen_random_uuid(), 'FAILURE', 'later ' || n, now() - interval '50 days',
              now() - interval '49 days', now() - interval '49 days'
         FROM generate_series(1, 5) AS n
       RETURNING id`);
        const stuckIds = stuck.map((r) => r.id);
        strict_1.default.deepEqual(await retention.sweep(), { jobs: 5, files: 0 });
        strict_1.default.equal((await rowCounts(later.map((r) => r.id))).jobs, 0);
        strict_1.default.deepEqual(await rowCounts(stuckIds), { jobs: 130, job_steps: 130, job_events: 0, webhook_deliveries: 0 }, 'a job whose file remains keeps its row');
        await (0, promises_1.rm)(undeletable, { recursive: true });
        strict_1.default.deepEqual(await retention.sweep(), { jobs: 130, files: 0 }, 'the next sweep takes them');
        strict_1.default.equal((await rowCounts(stuckIds)).jobs, 0);
    });
    (0, node_test_1.it)('leaves the sweep to the process holding the lock', async () => {
        const [job] = await env.sql(`INSERT INTO jobs (id, status, prompt, created_at, finished_at, deadline_at)
       VALUES (gen_random_uuid(), 'SUCCESS', 'locked out', now() - interval '40 days',
               now() - interval '40 days', now() - interval '40 days')
       RETURNING id`);
        const other = new pg_1.Client({ connectionString: env.databaseUrl });
        await other.connect();
        try {
            await other.query('SELECT pg_advisory_lock($1)', [advisory_locks_1.AdvisoryLock.RetentionSweep]);
            strict_1.default.equal(await retention.sweep(), undefined, 'another process is sweeping');
            strict_1.default.equal((await rowCounts([job.id])).jobs, 1);
        }
        finally {
            await other.end();
        }
        strict_1.default.deepEqual(await retention.sweep(), { jobs: 1, files: 0 });
    });
});
//# sourceMappingURL=retention.e2e.js.map