"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const ioredis_1 = __importDefault(require("ioredis"));
const pg_1 = require("pg");
const app_config_1 = require("../src/config/app-config");
const prepared_sql_1 = require("../src/database/prepared-sql");
const job_priority_1 = require("../src/jobs/job-priority");
const metrics_1 = require("../src/observability/metrics");
const service_capacity_1 = require("../src/pipeline/capacity/service-capacity");
const generate_sound_1 = require("../src/pipeline/steps/generate-sound");
const test_env_1 = require("./support/test-env");
const { High, Normal, Low } = job_priority_1.JobPriority;
(0, node_test_1.describe)('service lines', () => {
    const env = new test_env_1.TestEnv();
    let pool;
    let redis;
    let prefix = '';
    let capacity;
    let enqueued = [];
    const opened = [];
    (0, node_test_1.before)(async () => {
        await env.setUp();
        pool = new pg_1.Pool({ connectionString: env.databaseUrl, max: 4 });
        redis = new ioredis_1.default(test_env_1.REDIS_BASE_URL);
    });
    (0, node_test_1.after)(async () => {
        for (const line of opened)
            await line.onModuleDestroy();
        const keys = await redis.keys('orch_cap_lines_*');
        if (keys.length > 0)
            await redis.del(...keys);
        redis.disconnect();
        await pool?.end();
        await env.tearDown();
    });
    function lines(concurrency) {
        prefix = `orch_cap_lines_${(0, node_crypto_1.randomUUID)().slice(0, 8)}`;
        enqueued = [];
        const config = new app_config_1.AppConfig({
            QUEUE_PREFIX: prefix,
            REDIS_URL: test_env_1.REDIS_BASE_URL,
            DATABASE_URL: env.databaseUrl,
            SOUND_GENERATION_URL: 'http://127.0.0.1:9/generate',
            ...(concurrency === undefined ? {} : { SOUND_GENERATION_CONCURRENCY: concurrency }),
        });
        const producer = {
            enqueueHandedSlot: (jobId) => {
                enqueued.push(jobId);
                return Promise.resolve(true);
            },
        };
        const sql = new prepared_sql_1.PoolSql(() => pool);
        const made = new service_capacity_1.ServiceCapacity(config, sql, producer, new metrics_1.Metrics());
        opened.push(made);
        return made;
    }
    (0, node_test_1.beforeEach)(() => {
        capacity = lines('2');
    });
    const step = generate_sound_1.generateSound;
    const ask = (job, owner = 'alice', priority = Normal) => capacity.acquire(step, job, owner, priority);
    const position = async (job) => (await capacity.standing(step.name, job))?.position;
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    (0, node_test_1.it)('grants up to the limit, then lines steps up in order and hands each freed slot to the next', async () => {
        strict_1.default.equal((await ask('j1')).kind, 'granted');
        strict_1.default.equal((await ask('j2')).kind, 'granted');
        const third = await ask('j3');
        strict_1.default.deepEqual(third.kind === 'queued' && third.position, 1);
        const fourth = await ask('j4');
        strict_1.default.deepEqual(fourth.kind === 'queued' && fourth.position, 2);
        strict_1.default.equal(await capacity.park(step, 'j3'), 'parked');
        strict_1.default.equal(await capacity.park(step, 'j4'), 'parked');
        await capacity.release(step, 'j1', 'ok', 1_000);
        await settle();
        strict_1.default.deepEqual(enqueued, ['j3'], 'the freed slot goes to the head of the line');
        strict_1.default.equal(await position('j4'), 1);
        const resumed = await ask('j3');
        strict_1.default.equal(resumed.kind, 'granted', 'the enqueued run takes up the slot handed to it');
        strict_1.default.ok(resumed.kind === 'granted' && resumed.waitedMs >= 0);
        const fifth = await ask('j5');
        strict_1.default.equal(fifth.kind, 'queued');
    });
    (0, node_test_1.it)('a slot handed over while the run records its wait is taken up by that same run', async () => {
        await ask('a');
        await ask('b');
        strict_1.default.equal((await ask('c')).kind, 'queued');
        await capacity.release(step, 'a', 'ok', 10);
        await settle();
        strict_1.default.deepEqual(enqueued, [], 'no enqueue for a run that has not parked yet');
        strict_1.default.equal(await capacity.park(step, 'c'), 'granted');
    });
    (0, node_test_1.it)('takes owners in turns: a second owner behind a long backlog is next but one', async () => {
        await ask('busy-1');
        await ask('busy-2');
        for (let i = 0; i < 20; i++) {
            await ask(`a${i}`, 'alice');
            await capacity.park(step, `a${i}`);
        }
        await ask('b0', 'bob');
        await capacity.park(step, 'b0');
        strict_1.default.equal(await position('b0'), 2, "behind alice's head only");
        strict_1.default.equal(await position('a1'), 3);
        const order = [];
        for (const holder of ['busy-1', 'busy-2', 'a0', 'b0', 'a1']) {
            await capacity.release(step, holder, 'ok', 10);
            await settle();
            order.push(...enqueued.splice(0));
            for (const job of order.slice(-1))
                await ask(job, job.startsWith('b') ? 'bob' : 'alice');
        }
        strict_1.default.deepEqual(order.slice(0, 4), ['a0', 'b0', 'a1', 'a2']);
    });
    (0, node_test_1.it)("orders one owner's steps by priority, then arrival, without overtaking other owners", async () => {
        await ask('busy-1');
        await ask('busy-2');
        for (const [job, owner, priority] of [
            ['low-1', 'alice', Low],
            ['normal-1', 'alice', Normal],
            ['bob-1', 'bob', Low],
            ['high-1', 'alice', High],
            ['normal-2', 'alice', Normal],
        ]) {
            await ask(job, owner, priority);
            await capacity.park(step, job);
        }
        const positions = Object.fromEntries(await Promise.all(['high-1', 'bob-1', 'normal-1', 'normal-2', 'low-1'].map(async (job) => [job, await position(job)])));
        strict_1.default.deepEqual(positions, {
            'high-1': 1,
            'bob-1': 2,
            'normal-1': 3,
            'normal-2': 4,
            'low-1': 5,
        });
    });
    (0, node_test_1.it)('a job that leaves the line (cancelled) frees its place: those behind move up', async () => {
        await ask('busy-1');
        await ask('busy-2');
        for (const job of ['w1', 'w2', 'w3']) {
            await ask(job);
            await capacity.park(step, job);
        }
        await capacity.leave('w2');
        strict_1.default.equal(await position('w2'), undefined);
        strict_1.default.equal(await position('w3'), 2);
        await capacity.leave('busy-1');
        await settle();
        strict_1.default.deepEqual(enqueued, ['w1'], "a cancelled call's slot is handed on");
    });
    (0, node_test_1.it)('estimates the wait from the limit and the recent call time', async () => {
        await ask('busy-1');
        await ask('busy-2');
        await capacity.release(step, 'busy-1', 'ok', 4_000);
        await ask('busy-3');
        for (const job of ['w1', 'w2', 'w3'])
            await ask(job);
        const standings = await Promise.all(['w1', 'w2', 'w3'].map((j) => capacity.standing(step.name, j)));
        strict_1.default.deepEqual(standings.map((s) => s?.position), [1, 2, 3]);
        strict_1.default.deepEqual(standings.map((s) => s?.etaSeconds), [4, 4, 8]);
    });
    (0, node_test_1.it)('after a flush, counts the calls PostgreSQL records as running and lines up the queued steps again', async () => {
        const running = [(0, node_crypto_1.randomUUID)(), (0, node_crypto_1.randomUUID)()];
        const queued = [(0, node_crypto_1.randomUUID)(), (0, node_crypto_1.randomUUID)()];
        const justQueued = (0, node_crypto_1.randomUUID)();
        const rows = [
            [running[0], 'RUNNING', 5],
            [running[1], 'RUNNING', 5],
            [queued[0], 'QUEUED', 9],
            [queued[1], 'QUEUED', 8],
            [justQueued, 'QUEUED', 0],
        ];
        for (const [id, status, secondsAgo] of rows) {
            await pool.query(`INSERT INTO jobs (id, prompt, owner, status, attempt, deadline_at, current_step, queued_at,
                           updated_at)
         VALUES ($1, 'p', 'alice', 'PROCESSING', 1, now() + interval '1 hour', 'generate_sound',
                 CASE WHEN $2 = 'QUEUED' THEN now() - make_interval(secs => $3) END,
                 now() - make_interval(secs => $3))`, [id, status, secondsAgo]);
            await pool.query(`INSERT INTO job_steps (job_id, step, status, input) VALUES ($1, 'generate_sound', $2, '{}')`, [id, status]);
        }
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0)
            await redis.del(...keys);
        const fresh = await ask((0, node_crypto_1.randomUUID)());
        strict_1.default.equal(fresh.kind, 'queued', 'the two running calls fill the limit');
        strict_1.default.deepEqual(await Promise.all(queued.map((id) => position(id))), [1, 2], 'the queued steps are back in line, in the order they joined it');
        strict_1.default.equal(await position(justQueued), undefined, 'left to the reconciler');
        await capacity.leave(running[0]);
        await settle();
        strict_1.default.deepEqual(enqueued, [queued[0]], 'rebuilt entries are parked: a hand-off enqueues them');
    });
    (0, node_test_1.it)('with no limit configured, learns a capacity of 2 and settles there with few refusals', async (t) => {
        capacity = lines(undefined);
        const serviceCapacity = 2;
        const jobs = 60;
        let inFlight = 0;
        let maxInFlight = 0;
        let refused = 0;
        const handed = new Map();
        const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
        const hand = () => {
            for (const job of enqueued.splice(0))
                handed.get(job)?.();
        };
        async function run(job) {
            for (;;) {
                const ticket = await ask(job);
                if (ticket.kind === 'queued') {
                    const slot = new Promise((resolve) => handed.set(job, resolve));
                    if ((await capacity.park(step, job)) !== 'granted')
                        await slot;
                    await ask(job);
                }
                inFlight++;
                maxInFlight = Math.max(maxInFlight, inFlight);
                if (inFlight > serviceCapacity) {
                    inFlight--;
                    refused++;
                    await capacity.release(step, job, 'rejected', 1);
                    hand();
                    await sleep(25);
                    continue;
                }
                await sleep(25);
                inFlight--;
                await capacity.release(step, job, 'ok', 25);
                hand();
                return;
            }
        }
        const sweeper = setInterval(() => void capacity.sweep().then(hand), 50);
        try {
            await Promise.all(Array.from({ length: jobs }, (_, i) => run(`job-${i}`)));
        }
        finally {
            clearInterval(sweeper);
        }
        t.diagnostic(`${refused} refused calls for ${jobs} jobs, at most ${maxInFlight} at once`);
        strict_1.default.ok(refused < jobs * 0.2, `${refused} refused calls for ${jobs} jobs`);
        const limit = Number(await redis.hget(`${prefix}:cap:sound-generation:state`, 'limit'));
        strict_1.default.ok(limit === 2 || limit === 3, `limit settled at ${limit}`);
        strict_1.default.ok(maxInFlight <= 3, `at most one probe above capacity at a time, saw ${maxInFlight}`);
    });
});
//# sourceMappingURL=capacity-lines.e2e.js.map