"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const pg_1 = require("pg");
const typeorm_1 = require("typeorm");
const prepared_sql_1 = require("../../src/database/prepared-sql");
const typeorm_options_1 = require("../../src/database/typeorm-options");
const job_priority_1 = require("../../src/jobs/job-priority");
const job_status_1 = require("../../src/jobs/job-status");
const steps_1 = require("../../src/pipeline/steps");
const advance_1 = require("../../src/jobs/state/advance");
const claim_1 = require("../../src/jobs/state/claim");
const create_job_1 = require("../../src/jobs/state/create-job");
const fail_1 = require("../../src/jobs/state/fail");
const fail_overdue_1 = require("../../src/jobs/state/fail-overdue");
const heartbeat_1 = require("../../src/jobs/state/heartbeat");
const job_state_machine_1 = require("../../src/jobs/state/job-state-machine");
const mark_cancelled_1 = require("../../src/jobs/state/mark-cancelled");
const queue_step_1 = require("../../src/jobs/state/queue-step");
const record_interrupted_1 = require("../../src/jobs/state/record-interrupted");
const record_retry_1 = require("../../src/jobs/state/record-retry");
const record_unexpected_error_1 = require("../../src/jobs/state/record-unexpected-error");
const reopen_1 = require("../../src/jobs/state/reopen");
const request_cancel_1 = require("../../src/jobs/state/request-cancel");
const succeed_1 = require("../../src/jobs/state/succeed");
const test_env_1 = require("../support/test-env");
const STARTED = 'mix_master';
const FINISHED = 'generate_sound';
const OTHER = 'analyze_style';
(0, node_test_1.describe)('job state transitions', () => {
    const env = new test_env_1.TestEnv();
    let pool;
    let ctx;
    const announced = [];
    (0, node_test_1.before)(async () => {
        await env.setUp();
        const migrations = new typeorm_1.DataSource((0, typeorm_options_1.typeormOptions)(env.databaseUrl, 2));
        await migrations.initialize();
        await migrations.runMigrations({ transaction: 'all' });
        await migrations.destroy();
        pool = new pg_1.Pool({ connectionString: env.databaseUrl, max: 4 });
        ctx = {
            sql: new prepared_sql_1.PoolSql(() => pool),
            announce: { changed: (jobId, finished) => announced.push([jobId, finished]) },
        };
    });
    (0, node_test_1.after)(async () => {
        await pool?.end();
        await env.tearDown();
    });
    const q = async (text, params = []) => (await pool.query(text, params)).rows;
    async function seed(world) {
        const id = (0, node_crypto_1.randomUUID)();
        const terminal = [job_status_1.JobStatus.Success, job_status_1.JobStatus.Failure, job_status_1.JobStatus.Cancelled].includes(world.status);
        await q(`INSERT INTO jobs (id, prompt, owner, status, attempt, deadline_at, cancel_requested_at,
                         started_at, finished_at, current_step, webhook_url)
       VALUES ($1, 'a chill beat', 'tester', $2::job_status, $3, now() + ($4::text || ' hours')::interval,
               CASE WHEN $5::boolean THEN now() END,
               CASE WHEN $2::job_status <> 'PENDING' THEN now() END, CASE WHEN $6::boolean THEN now() END,
               $7, 'https://hooks.example.com/in')`, [
            id,
            world.status,
            world.attempt ?? 1,
            world.overdue ? '-1' : '1',
            world.cancel,
            terminal,
            world.status === job_status_1.JobStatus.Processing ? FINISHED : null,
        ]);
        for (const [step, status] of Object.entries(world.steps ?? {})) {
            await q(`INSERT INTO job_steps (job_id, step, status, input, attempts, started_at)
         VALUES ($1, $2, $3::step_status, '{}'::jsonb, 1, now())`, [id, step, status]);
        }
        return id;
    }
    const job = async (id) => (await q(`SELECT status, attempt, started_at, finished_at, result, error FROM jobs WHERE id = $1`, [
        id,
    ]))[0];
    const steps = async (id) => Object.fromEntries((await q(`SELECT step, status FROM job_steps WHERE job_id = $1`, [id])).map((s) => [s.step, s.status]));
    const events = (id) => q(`SELECT type, data FROM job_events WHERE job_id = $1 ORDER BY id`, [id]);
    const deliveries = (id) => q(`SELECT event_type, payload FROM webhook_deliveries WHERE job_id = $1 ORDER BY event_id`, [id]);
    const attempt = (n = 1) => ({
        attempt: n,
        started_at: new Date(Date.now() - 40).toISOString(),
        finished_at: new Date().toISOString(),
        duration_ms: 40,
        outcome: 'succeeded',
    });
    async function call(name, id) {
        const fence = { jobId: id, attempt: 1 };
        const finish = { step: FINISHED, output: { stems: { piano: '/s/p.wav' } }, attempt: attempt() };
        switch (name) {
            case 'createJob':
                throw new Error('createJob has no existing job');
            case 'claim':
                return (0, claim_1.claim)(ctx, id);
            case 'advance':
                return (0, advance_1.advance)(ctx, fence, finish, { step: STARTED, input: { stem_paths: ['/s/p.wav'] } });
            case 'queueStep':
                return (0, queue_step_1.queueStep)(ctx, fence, finish, { step: STARTED, input: { stem_paths: [] } }, 3);
            case 'succeed':
                return (0, succeed_1.succeed)(ctx, fence, finish, { final_track_url: '/artifacts/master.wav' });
            case 'recordRetry':
                return (0, record_retry_1.recordRetry)(ctx, fence, FINISHED, { ...attempt(), outcome: 'retrying' }, 1000);
            case 'recordInterrupted':
                return (0, record_interrupted_1.recordInterrupted)(ctx, fence, FINISHED, { ...attempt(), outcome: 'interrupted' });
            case 'recordUnexpectedError':
                return (0, record_unexpected_error_1.recordUnexpectedError)(ctx, fence);
            case 'fail':
                return (0, fail_1.fail)(ctx, fence, FINISHED, { step: FINISHED, message: 'boom' }, attempt());
            case 'requestCancel':
                return (0, request_cancel_1.requestCancel)(ctx, id);
            case 'markCancelled':
                return (0, mark_cancelled_1.markCancelled)(ctx, id, FINISHED, { ...attempt(), outcome: 'cancelled' });
            case 'reopen':
                return (0, reopen_1.reopen)(ctx, id, 60_000);
            case 'failOverdue':
                return (0, fail_overdue_1.failOverdue)(ctx);
            case 'heartbeat':
                return (0, heartbeat_1.heartbeat)(ctx, fence);
        }
    }
    const STATUSES = Object.values(job_status_1.JobStatus);
    const TRANSITIONS = [...new Set(job_state_machine_1.JOB_TRANSITIONS.map((r) => r.transition))].filter((t) => t !== 'createJob');
    (0, node_test_1.it)('allows exactly the job transitions of the table, and leaves every other call a no-op', async () => {
        for (const transition of TRANSITIONS) {
            for (const status of STATUSES) {
                for (const cancel of [false, true]) {
                    const id = await seed({
                        status,
                        cancel,
                        overdue: transition === 'failOverdue',
                        steps: { parse_prompt: job_status_1.StepStatus.Succeeded, [FINISHED]: job_status_1.StepStatus.Running },
                    });
                    const before = await events(id);
                    await call(transition, id);
                    const rule = (0, job_state_machine_1.jobRuleFor)(transition, status, cancel);
                    const after = await job(id);
                    const where = `${transition} from ${status}${cancel ? ' with a cancel request' : ''}`;
                    strict_1.default.equal(after.status, rule?.to ?? status, where);
                    if (!rule)
                        strict_1.default.deepEqual(await events(id), before, `${where} emits nothing`);
                }
            }
        }
    });
    (0, node_test_1.it)('makes exactly the step changes of the table', async () => {
        for (const rule of job_state_machine_1.STEP_TRANSITIONS) {
            for (const cancel of rule.guard === 'always'
                ? [false, true]
                : [rule.guard === 'cancel requested']) {
                const jobRule = job_state_machine_1.JOB_TRANSITIONS.find((r) => r.transition === rule.transition &&
                    r.from !== null &&
                    (0, job_state_machine_1.jobRuleFor)(r.transition, r.from, cancel) === r);
                if (!jobRule?.from)
                    continue;
                const name = stepNameFor(rule);
                const id = await seed({
                    status: jobRule.from,
                    cancel,
                    overdue: rule.transition === 'failOverdue',
                    steps: {
                        ...(rule.role !== 'finished' ? { [FINISHED]: job_status_1.StepStatus.Running } : {}),
                        ...(rule.from ? { [name]: rule.from } : {}),
                    },
                });
                await call(rule.transition, id);
                const where = `${rule.transition}: ${rule.role} step ${rule.from ?? '(none)'}${cancel ? ', cancel requested' : ''}`;
                strict_1.default.equal((await steps(id))[name], rule.to, where);
            }
        }
    });
    function stepNameFor(rule) {
        if (rule.role === 'finished')
            return FINISHED;
        if (rule.role === 'other')
            return OTHER;
        return rule.transition === 'claim' ? steps_1.FIRST_STEP.name : STARTED;
    }
    (0, node_test_1.it)('fences every write of a run by its attempt: a stale run writes nothing', async () => {
        for (const transition of [
            'advance',
            'queueStep',
            'succeed',
            'recordRetry',
            'recordInterrupted',
            'recordUnexpectedError',
            'fail',
        ]) {
            const id = await seed({
                status: job_status_1.JobStatus.Processing,
                cancel: false,
                attempt: 2,
                steps: { [FINISHED]: job_status_1.StepStatus.Running },
            });
            const before = { job: await job(id), steps: await steps(id), events: await events(id) };
            const outcome = await call(transition, id);
            strict_1.default.ok(outcome === 'fenced' || outcome === false, `${transition} says it was fenced`);
            strict_1.default.deepEqual({ job: await job(id), steps: await steps(id), events: await events(id) }, before, `${transition} of a stale run`);
        }
    });
    (0, node_test_1.it)('records the duration of a succeeded step in its event and webhook (advance and succeed)', async () => {
        const id = await seed({
            status: job_status_1.JobStatus.Processing,
            cancel: false,
            steps: { [FINISHED]: job_status_1.StepStatus.Running },
        });
        strict_1.default.equal(await call('advance', id), 'written');
        strict_1.default.equal(await (0, succeed_1.succeed)(ctx, { jobId: id, attempt: 1 }, { step: STARTED, output: { output_path: '/artifacts/m.wav' }, attempt: attempt() }, { final_track_url: '/artifacts/m.wav' }), 'written');
        const succeeded = (await events(id)).filter((e) => e.type === 'step.succeeded');
        strict_1.default.deepEqual(succeeded.map((e) => e.data), [
            { step: FINISHED, duration_ms: 40 },
            { step: STARTED, duration_ms: 40 },
        ]);
        const hooks = (await deliveries(id)).filter((d) => d.event_type === 'step.succeeded');
        strict_1.default.deepEqual(hooks.map((d) => d.payload.data.duration_ms), [40, 40]);
        const rows = await q(`SELECT duration_ms FROM job_steps WHERE job_id = $1 ORDER BY step`, [id]);
        strict_1.default.deepEqual(rows.map((r) => r.duration_ms), [40, 40]);
        strict_1.default.deepEqual((await job(id)).result, { final_track_url: '/artifacts/m.wav' });
    });
    (0, node_test_1.it)('never turns a FAILED or CANCELLED step back to RETRYING when a shutdown interrupts its call', async () => {
        const overdue = await seed({
            status: job_status_1.JobStatus.Processing,
            cancel: false,
            overdue: true,
            steps: { [FINISHED]: job_status_1.StepStatus.Running },
        });
        await (0, fail_overdue_1.failOverdue)(ctx);
        const cancelled = await seed({
            status: job_status_1.JobStatus.Processing,
            cancel: true,
            steps: { [FINISHED]: job_status_1.StepStatus.Running },
        });
        strict_1.default.equal(await (0, mark_cancelled_1.markCancelled)(ctx, cancelled, null, null), true);
        for (const id of [overdue, cancelled]) {
            const before = await steps(id);
            strict_1.default.equal(await call('recordInterrupted', id), false);
            strict_1.default.deepEqual(await steps(id), before);
        }
        strict_1.default.equal((await steps(overdue))[FINISHED], job_status_1.StepStatus.Failed);
        strict_1.default.equal((await steps(cancelled))[FINISHED], job_status_1.StepStatus.Cancelled);
    });
    (0, node_test_1.it)('ends a claimed job with a cancel request CANCELLED without starting a run', async () => {
        const id = await seed({ status: job_status_1.JobStatus.Pending, cancel: true, attempt: 0 });
        announced.length = 0;
        strict_1.default.deepEqual(await (0, claim_1.claim)(ctx, id), { kind: 'cancelled' });
        const after = await job(id);
        strict_1.default.equal(after.status, job_status_1.JobStatus.Cancelled);
        strict_1.default.equal(after.attempt, 0, 'no run was started');
        strict_1.default.equal(after.started_at, null);
        strict_1.default.deepEqual((await events(id)).map((e) => [e.type, e.data]), [['job.status', { status: 'CANCELLED' }]]);
        strict_1.default.deepEqual((await deliveries(id)).map((d) => d.event_type), ['job.status']);
        strict_1.default.deepEqual(announced, [[id, job_status_1.JobStatus.Cancelled]]);
    });
    (0, node_test_1.it)('leaves a job made under a newer step list to a newer worker, and runs an older one', async () => {
        const newer = await seed({ status: job_status_1.JobStatus.Pending, cancel: false, attempt: 0 });
        await q(`UPDATE jobs SET step_list_version = $2 WHERE id = $1`, [newer, steps_1.STEP_LIST_VERSION + 1]);
        const before = { job: await job(newer), events: await events(newer) };
        strict_1.default.deepEqual(await (0, claim_1.claim)(ctx, newer), { kind: 'newer-step-list' });
        strict_1.default.deepEqual({ job: await job(newer), events: await events(newer) }, before);
        const older = await seed({ status: job_status_1.JobStatus.Pending, cancel: false, attempt: 0 });
        await q(`UPDATE jobs SET step_list_version = $2 WHERE id = $1`, [older, steps_1.STEP_LIST_VERSION - 1]);
        strict_1.default.equal((await (0, claim_1.claim)(ctx, older)).kind, 'claimed');
    });
    (0, node_test_1.it)('starts the first step in the claim with its input', async () => {
        const id = await seed({ status: job_status_1.JobStatus.Pending, cancel: false, attempt: 0 });
        const outcome = await (0, claim_1.claim)(ctx, id);
        strict_1.default.equal(outcome.kind, 'claimed');
        strict_1.default.equal(outcome.kind === 'claimed' && outcome.job.started_step, steps_1.FIRST_STEP.name);
        const [row] = await q(`SELECT status, input FROM job_steps WHERE job_id = $1 AND step = $2`, [id, steps_1.FIRST_STEP.name]);
        strict_1.default.deepEqual(row, { status: 'RUNNING', input: { prompt: 'a chill beat' } });
        strict_1.default.deepEqual((await events(id)).map((e) => e.type), ['job.status', 'step.started']);
    });
    (0, node_test_1.it)('lets an accepted cancel win over the last step, keeps its checkpoint, and a retry then succeeds at once', async () => {
        const id = await seed({
            status: job_status_1.JobStatus.Processing,
            cancel: true,
            steps: { [FINISHED]: job_status_1.StepStatus.Succeeded, [STARTED]: job_status_1.StepStatus.Running },
        });
        const write = await (0, succeed_1.succeed)(ctx, { jobId: id, attempt: 1 }, { step: STARTED, output: { output_path: '/artifacts/m.wav' }, attempt: attempt() }, { final_track_url: '/artifacts/m.wav' });
        strict_1.default.equal(write, 'cancelled');
        strict_1.default.equal((await job(id)).status, job_status_1.JobStatus.Cancelled);
        strict_1.default.equal((await job(id)).result, null);
        const [checkpoint] = await q(`SELECT status, output FROM job_steps WHERE job_id = $1 AND step = $2`, [id, STARTED]);
        strict_1.default.deepEqual(checkpoint, {
            status: 'SUCCEEDED',
            output: { output_path: '/artifacts/m.wav' },
        });
        strict_1.default.deepEqual(await (0, reopen_1.reopen)(ctx, id, 60_000), { status: job_status_1.JobStatus.Pending, reopened: true });
        const claimed = await (0, claim_1.claim)(ctx, id);
        strict_1.default.equal(claimed.kind, 'claimed');
        const fence = { jobId: id, attempt: claimed.kind === 'claimed' ? claimed.job.attempt : 0 };
        strict_1.default.equal(await (0, succeed_1.succeed)(ctx, fence, null, { final_track_url: '/artifacts/m.wav' }), 'written');
        const after = await job(id);
        strict_1.default.equal(after.status, job_status_1.JobStatus.Success);
        strict_1.default.deepEqual(after.result, { final_track_url: '/artifacts/m.wav' });
    });
    (0, node_test_1.it)('lets an accepted cancel win over a failure and a retry', async () => {
        for (const transition of ['fail', 'recordRetry']) {
            const id = await seed({
                status: job_status_1.JobStatus.Processing,
                cancel: true,
                steps: { [FINISHED]: job_status_1.StepStatus.Running, [OTHER]: job_status_1.StepStatus.Pending },
            });
            strict_1.default.equal(await call(transition, id), 'cancelled', transition);
            const after = await job(id);
            strict_1.default.equal(after.status, job_status_1.JobStatus.Cancelled, transition);
            strict_1.default.equal(after.error, null, transition);
            strict_1.default.equal((await steps(id))[OTHER], job_status_1.StepStatus.Cancelled, transition);
            strict_1.default.deepEqual((await events(id)).map((e) => e.data).at(-1), { status: 'CANCELLED' }, transition);
        }
    });
    (0, node_test_1.it)('counts the unexpected errors of the run holding the job, and a retry starts the count again', async () => {
        const id = await seed({
            status: job_status_1.JobStatus.Processing,
            cancel: false,
            steps: { [FINISHED]: job_status_1.StepStatus.Running },
        });
        const before = { steps: await steps(id), events: await events(id) };
        strict_1.default.equal(await (0, record_unexpected_error_1.recordUnexpectedError)(ctx, { jobId: id, attempt: 1 }), 1);
        strict_1.default.equal(await (0, record_unexpected_error_1.recordUnexpectedError)(ctx, { jobId: id, attempt: 1 }), 2);
        strict_1.default.equal(await (0, record_unexpected_error_1.recordUnexpectedError)(ctx, { jobId: id, attempt: 2 }), 'fenced');
        strict_1.default.deepEqual({ steps: await steps(id), events: await events(id) }, before);
        const count = async () => (await q(`SELECT unexpected_errors AS n FROM jobs WHERE id = $1`, [id]))[0].n;
        strict_1.default.equal(await count(), 2);
        await (0, fail_1.fail)(ctx, { jobId: id, attempt: 1 }, FINISHED, { step: FINISHED, message: 'x' }, null);
        strict_1.default.equal((await (0, reopen_1.reopen)(ctx, id, 60_000))?.reopened, true);
        strict_1.default.equal(await count(), 0);
    });
    (0, node_test_1.it)('stores a new job with its first event once per Idempotency-Key', async () => {
        const job1 = {
            id: (0, node_crypto_1.randomUUID)(),
            prompt: 'p',
            referenceTrackUrl: null,
            owner: 'tester',
            idempotencyKey: 'k-1',
            requestFingerprint: 'f',
            deadlineMs: 60_000,
            stepListVersion: steps_1.STEP_LIST_VERSION,
            priority: job_priority_1.JobPriority.Normal,
            maxBacklog: 1_000,
        };
        strict_1.default.equal(await (0, create_job_1.createJob)(ctx, job1), 'created');
        strict_1.default.equal(await (0, create_job_1.createJob)(ctx, { ...job1, id: (0, node_crypto_1.randomUUID)() }), 'duplicate');
        strict_1.default.equal((await job(job1.id)).status, job_status_1.JobStatus.Pending);
        strict_1.default.deepEqual((await events(job1.id)).map((e) => [e.type, e.data]), [['job.status', { status: 'PENDING' }]]);
    });
    (0, node_test_1.it)("refuses a new job while its owner's unfinished jobs fill the backlog, and stores nothing", async () => {
        const owner = `backlog-${(0, node_crypto_1.randomUUID)()}`;
        const make = (n) => ({
            id: (0, node_crypto_1.randomUUID)(),
            prompt: `p${n}`,
            referenceTrackUrl: null,
            owner,
            idempotencyKey: null,
            requestFingerprint: null,
            deadlineMs: 60_000,
            stepListVersion: steps_1.STEP_LIST_VERSION,
            priority: job_priority_1.JobPriority.Low,
            maxBacklog: 2,
        });
        const first = make(1);
        strict_1.default.equal(await (0, create_job_1.createJob)(ctx, first), 'created');
        strict_1.default.equal(await (0, create_job_1.createJob)(ctx, make(2)), 'created');
        const third = make(3);
        strict_1.default.equal(await (0, create_job_1.createJob)(ctx, third), 'backlog full');
        strict_1.default.equal((await q(`SELECT 1 FROM jobs WHERE id = $1`, [third.id])).length, 0);
        strict_1.default.equal((await events(third.id)).length, 0);
        await q(`UPDATE jobs SET status = 'SUCCESS', finished_at = now() WHERE id = $1`, [first.id]);
        strict_1.default.equal(await (0, create_job_1.createJob)(ctx, third), 'created');
        strict_1.default.equal((await q(`SELECT priority FROM jobs WHERE id = $1`, [third.id]))[0]
            .priority, 'low');
    });
});
//# sourceMappingURL=transitions.e2e.js.map