import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { AppConfig } from '../src/config/app-config';
import { PoolSql, type PreparedSql } from '../src/database/prepared-sql';
import { JobPriority } from '../src/jobs/job-priority';
import { Metrics } from '../src/observability/metrics';
import { ROOM_VIEW_MS, ServiceCapacity } from '../src/pipeline/capacity/service-capacity';
import type { PipelineProducer } from '../src/pipeline/pipeline.producer';
import { generateSound } from '../src/pipeline/steps/generate-sound';
import { mixMaster } from '../src/pipeline/steps/mix-master';
import { REDIS_BASE_URL, TestEnv } from './support/test-env';

const { High, Normal, Low } = JobPriority;

/**
 * The service lines against real Redis and PostgreSQL, without Nest, Bull or HTTP: who gets
 * a slot, in what order, where a waiting job stands, and what a flush leaves. The
 * hand-offs' enqueues are recorded instead of reaching Bull.
 */
describe('service lines', () => {
  const env = new TestEnv();
  let pool: Pool;
  let redis: Redis;
  let prefix = '';
  let capacity: ServiceCapacity;
  let enqueued: string[] = [];
  const opened: ServiceCapacity[] = [];
  /** The key prefixes this file made: only their keys are removed at the end. */
  const prefixes: string[] = [];

  before(async () => {
    await env.setUp();
    pool = new Pool({ connectionString: env.databaseUrl, max: 4 });
    redis = new Redis(REDIS_BASE_URL);
  });

  after(async () => {
    for (const line of opened) await line.onModuleDestroy();
    for (const used of prefixes) {
      const keys = await redis.keys(`${used}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
    await pool?.end();
    await env.tearDown();
  });

  /** A fresh set of lines (own key prefix) with sound generation at `concurrency`. */
  function lines(
    concurrency: string | undefined,
    extra: Record<string, string> = {},
  ): ServiceCapacity {
    prefix = `orch_cap_lines_${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    enqueued = [];
    const config = new AppConfig({
      QUEUE_PREFIX: prefix,
      REDIS_URL: REDIS_BASE_URL,
      DATABASE_URL: env.databaseUrl,
      SOUND_GENERATION_URL: 'http://127.0.0.1:9/generate',
      ...(concurrency === undefined ? {} : { SOUND_GENERATION_CONCURRENCY: concurrency }),
      ...extra,
    });
    const producer = {
      enqueueHandedSlot: (jobId: string) => {
        enqueued.push(jobId);
        return Promise.resolve(true);
      },
    } as unknown as PipelineProducer;
    const sql: PreparedSql = new PoolSql(() => pool);
    const made = new ServiceCapacity(config, sql, producer, new Metrics());
    opened.push(made);
    return made;
  }

  beforeEach(() => {
    capacity = lines('2');
  });

  const step = generateSound;
  const ask = (job: string, owner = 'alice', priority = Normal) =>
    capacity.acquire(step, job, owner, priority);
  const position = async (job: string) => (await capacity.standing(step.name, job))?.position;
  /** Lets the fire-and-forget enqueues of a hand-off land. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('grants up to the limit, then lines steps up in order and hands each freed slot to the next', async () => {
    assert.equal((await ask('j1')).kind, 'granted');
    assert.equal((await ask('j2')).kind, 'granted');
    const third = await ask('j3');
    assert.deepEqual(third.kind === 'queued' && third.position, 1);
    const fourth = await ask('j4');
    assert.deepEqual(fourth.kind === 'queued' && fourth.position, 2);
    assert.equal(await capacity.park(step, 'j3'), 'parked');
    assert.equal(await capacity.park(step, 'j4'), 'parked');

    await capacity.release(step, 'j1', 'ok', 1_000);
    await settle();
    assert.deepEqual(enqueued, ['j3'], 'the freed slot goes to the head of the line');
    assert.equal(await position('j4'), 1);
    const resumed = await ask('j3');
    assert.equal(resumed.kind, 'granted', 'the enqueued run takes up the slot handed to it');
    assert.ok(resumed.kind === 'granted' && resumed.waitedMs >= 0);
    // Still two calls at once: j2 and j3.
    const fifth = await ask('j5');
    assert.equal(fifth.kind, 'queued');
  });

  it('a slot handed over while the run records its wait is taken up by that same run', async () => {
    await ask('a');
    await ask('b');
    assert.equal((await ask('c')).kind, 'queued');
    await capacity.release(step, 'a', 'ok', 10);
    await settle();
    assert.deepEqual(enqueued, [], 'no enqueue for a run that has not parked yet');
    assert.equal(await capacity.park(step, 'c'), 'granted');
  });

  it("hands a finished call's slot on and asks for the next service's in one round trip", async () => {
    capacity = lines('1', {
      MIXING_MASTERING_URL: 'http://127.0.0.1:9/mix',
      MIXING_MASTERING_CONCURRENCY: '1',
    });
    assert.equal((await ask('x')).kind, 'granted');
    assert.equal((await ask('w')).kind, 'queued');
    assert.equal(await capacity.park(step, 'w'), 'parked');
    assert.equal((await capacity.acquire(mixMaster, 'm', 'alice', Normal)).kind, 'granted');

    // The scripts this ServiceCapacity sends, counted on its own Redis client.
    const client = (capacity as unknown as { store: { client(): Redis } }).store.client();
    let scriptCalls = 0;
    const evalsha = client.evalsha.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { evalsha: unknown }).evalsha = (...args: unknown[]) => {
      scriptCalls++;
      return evalsha(...args);
    };
    const next = await capacity.handOver(step, 40, mixMaster, 'x', 'alice', Normal);
    assert.equal(scriptCalls, 1, 'one script call for release and ask');
    assert.deepEqual(next.kind === 'queued' && next.position, 1, 'the mixer is full: x waits');
    await settle();
    assert.deepEqual(enqueued, ['w'], "x's sound-generation slot went to the job waiting for it");
    assert.equal((await ask('w')).kind, 'granted');

    await capacity.release(mixMaster, 'm', 'ok', 40);
    assert.equal(await capacity.park(mixMaster, 'x'), 'granted', "the freed mix slot is x's");
  });

  it('takes a free slot before the owner is known only when nobody waits, and never a second one for the same job', async () => {
    assert.equal(await capacity.tryAcquire(step, 'e0'), false, 'unbuilt: left to acquire');
    assert.equal((await ask('e0')).kind, 'granted', 'which builds the lines');
    await capacity.release(step, 'e0', 'ok', 10);
    assert.equal(await capacity.tryAcquire(step, 'e1'), true, 'free: taken');
    assert.equal(await capacity.tryAcquire(step, 'e1'), false, 'the job holds it already');
    assert.equal((await ask('e1')).kind, 'granted', 'which its run then takes up');
    assert.equal((await ask('e2')).kind, 'granted');
    assert.equal(await capacity.tryAcquire(step, 'e3'), false, 'full: left to the line');
    assert.equal(capacity.likelyRoom(step), false);
    assert.equal((await ask('e3')).kind, 'queued');
    await capacity.release(step, 'e1', 'ok', 10);
    assert.equal(
      await capacity.tryAcquire(step, 'e4'),
      false,
      'a slot freed while a step waits is for the line',
    );
    assert.equal(await position('e3'), undefined, 'e3 was handed the freed slot');
    assert.equal((await ask('e5')).kind, 'queued', 'still two calls at once: e2 and e3');
  });

  it('takes a line to have room for a second after it granted a slot at once, and not once it queued one', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    assert.equal(capacity.likelyRoom(step), false, 'a line not asked yet is not guessed at');
    assert.equal((await ask('r1')).kind, 'granted');
    assert.equal(capacity.likelyRoom(step), true, 'granted at once: room');
    t.mock.timers.tick(ROOM_VIEW_MS);
    assert.equal(capacity.likelyRoom(step), false, 'the view is a second old');
    assert.equal((await ask('r2')).kind, 'granted');
    assert.equal(capacity.likelyRoom(step), true);
    assert.equal((await ask('r3')).kind, 'queued');
    assert.equal(capacity.likelyRoom(step), false, 'a step queued: the line is full');
    assert.equal(await capacity.park(step, 'r3'), 'parked');
    await capacity.release(step, 'r1', 'ok', 10);
    await settle();
    const handed = await ask('r3');
    assert.ok(handed.kind === 'granted' && handed.waitedMs > 0, 'r3 was handed the slot');
    assert.equal(capacity.likelyRoom(step), false, 'a slot that came after a wait: still full');
  });

  it('takes owners in turns: a second owner behind a long backlog is next but one', async () => {
    await ask('busy-1');
    await ask('busy-2');
    for (let i = 0; i < 20; i++) {
      await ask(`a${i}`, 'alice');
      await capacity.park(step, `a${i}`);
    }
    await ask('b0', 'bob');
    await capacity.park(step, 'b0');
    assert.equal(await position('b0'), 2, "behind alice's head only");
    assert.equal(await position('a1'), 3);
    const order: string[] = [];
    for (const holder of ['busy-1', 'busy-2', 'a0', 'b0', 'a1']) {
      await capacity.release(step, holder, 'ok', 10);
      await settle();
      order.push(...enqueued.splice(0));
      for (const job of order.slice(-1)) await ask(job, job.startsWith('b') ? 'bob' : 'alice');
    }
    assert.deepEqual(order.slice(0, 4), ['a0', 'b0', 'a1', 'a2']);
  });

  it("orders one owner's steps by priority, then arrival, without overtaking other owners", async () => {
    await ask('busy-1');
    await ask('busy-2');
    for (const [job, owner, priority] of [
      ['low-1', 'alice', Low],
      ['normal-1', 'alice', Normal],
      ['bob-1', 'bob', Low],
      ['high-1', 'alice', High],
      ['normal-2', 'alice', Normal],
    ] as const) {
      await ask(job, owner, priority);
      await capacity.park(step, job);
    }
    const positions = Object.fromEntries(
      await Promise.all(
        ['high-1', 'bob-1', 'normal-1', 'normal-2', 'low-1'].map(
          async (job) => [job, await position(job)] as const,
        ),
      ),
    );
    assert.deepEqual(positions, {
      'high-1': 1,
      'bob-1': 2,
      'normal-1': 3,
      'normal-2': 4,
      'low-1': 5,
    });
  });

  it('a job that leaves the line (cancelled) frees its place: those behind move up', async () => {
    await ask('busy-1');
    await ask('busy-2');
    for (const job of ['w1', 'w2', 'w3']) {
      await ask(job);
      await capacity.park(step, job);
    }
    await capacity.leave('w2');
    assert.equal(await position('w2'), undefined);
    assert.equal(await position('w3'), 2);
    await capacity.leave('busy-1');
    await settle();
    assert.deepEqual(enqueued, ['w1'], "a cancelled call's slot is handed on");
  });

  it('estimates the wait from the limit and the recent call time', async () => {
    await ask('busy-1');
    await ask('busy-2');
    await capacity.release(step, 'busy-1', 'ok', 4_000);
    await ask('busy-3');
    for (const job of ['w1', 'w2', 'w3']) await ask(job);
    const standings = await Promise.all(
      ['w1', 'w2', 'w3'].map((j) => capacity.standing(step.name, j)),
    );
    assert.deepEqual(
      standings.map((s) => s?.position),
      [1, 2, 3],
    );
    // Two slots: w1 and w2 start after one round of calls, w3 after two.
    assert.deepEqual(
      standings.map((s) => s?.etaSeconds),
      [4, 4, 8],
    );
  });

  it('after a flush, counts the calls PostgreSQL records as running and lines up the queued steps again', async () => {
    const running = [randomUUID(), randomUUID()];
    const queued = [randomUUID(), randomUUID()];
    // Queued a moment ago: maybe a run handed its slot just before the flush, about to call.
    const justQueued = randomUUID();
    const rows: [string, 'RUNNING' | 'QUEUED', number][] = [
      [running[0], 'RUNNING', 5],
      [running[1], 'RUNNING', 5],
      [queued[0], 'QUEUED', 9],
      [queued[1], 'QUEUED', 8],
      [justQueued, 'QUEUED', 0],
    ];
    for (const [id, status, secondsAgo] of rows) {
      await pool.query(
        `INSERT INTO jobs (id, prompt, owner, status, attempt, deadline_at, current_step, queued_at,
                           updated_at)
         VALUES ($1, 'p', 'alice', 'PROCESSING', 1, now() + interval '1 hour', 'generate_sound',
                 CASE WHEN $2 = 'QUEUED' THEN now() - make_interval(secs => $3) END,
                 now() - make_interval(secs => $3))`,
        [id, status, secondsAgo],
      );
      await pool.query(
        `INSERT INTO job_steps (job_id, step, status, input) VALUES ($1, 'generate_sound', $2, '{}')`,
        [id, status],
      );
    }
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);

    const fresh = await ask(randomUUID());
    assert.equal(fresh.kind, 'queued', 'the two running calls fill the limit');
    assert.deepEqual(
      await Promise.all(queued.map((id) => position(id))),
      [1, 2],
      'the queued steps are back in line, in the order they joined it',
    );
    assert.equal(await position(justQueued), undefined, 'left to the reconciler');
    await capacity.leave(running[0]);
    await settle();
    assert.deepEqual(enqueued, [queued[0]], 'rebuilt entries are parked: a hand-off enqueues them');
  });

  it('with no limit configured, learns a capacity of 2 and settles there with few refusals', async (t) => {
    capacity = lines(undefined);
    const serviceCapacity = 2;
    const jobs = 60;
    let inFlight = 0;
    let maxInFlight = 0;
    let refused = 0;
    const handed = new Map<string, () => void>();
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const hand = () => {
      for (const job of enqueued.splice(0)) handed.get(job)?.();
    };
    async function run(job: string): Promise<void> {
      for (;;) {
        const ticket = await ask(job);
        if (ticket.kind === 'queued') {
          const slot = new Promise<void>((resolve) => handed.set(job, resolve));
          if ((await capacity.park(step, job)) !== 'granted') await slot;
          await ask(job);
        }
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (inFlight > serviceCapacity) {
          inFlight--;
          refused++;
          await capacity.release(step, job, 'rejected', 1);
          hand();
          await sleep(25); // a retry's backoff
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
    } finally {
      clearInterval(sweeper);
    }
    t.diagnostic(`${refused} refused calls for ${jobs} jobs, at most ${maxInFlight} at once`);
    assert.ok(refused < jobs * 0.2, `${refused} refused calls for ${jobs} jobs`);
    const limit = Number(await redis.hget(`${prefix}:cap:sound-generation:state`, 'limit'));
    assert.ok(limit === 2 || limit === 3, `limit settled at ${limit}`);
    assert.ok(maxInFlight <= 3, `at most one probe above capacity at a time, saw ${maxInFlight}`);
  });
});
