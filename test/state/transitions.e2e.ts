import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PoolSql } from '../../src/database/prepared-sql';
import { typeormOptions } from '../../src/database/typeorm-options';
import type { StepAttempt } from '../../src/jobs/entities/job-step.entity';
import { JobPriority } from '../../src/jobs/job-priority';
import { JobStatus, StepStatus } from '../../src/jobs/job-status';
import { FIRST_STEP, STEP_LIST_VERSION } from '../../src/pipeline/steps';
import { advance } from '../../src/jobs/state/advance';
import { claim } from '../../src/jobs/state/claim';
import { createJob } from '../../src/jobs/state/create-job';
import { fail } from '../../src/jobs/state/fail';
import { failOverdue } from '../../src/jobs/state/fail-overdue';
import { heartbeat } from '../../src/jobs/state/heartbeat';
import {
  JOB_TRANSITIONS,
  jobRuleFor,
  STEP_TRANSITIONS,
  type StepTransitionRule,
  type TransitionName,
} from '../../src/jobs/state/job-state-machine';
import { markCancelled } from '../../src/jobs/state/mark-cancelled';
import { queueStep } from '../../src/jobs/state/queue-step';
import { recordInterrupted } from '../../src/jobs/state/record-interrupted';
import { recordQuality } from '../../src/jobs/state/record-quality';
import { recordRetry } from '../../src/jobs/state/record-retry';
import { recordUnexpectedError } from '../../src/jobs/state/record-unexpected-error';
import { reopen } from '../../src/jobs/state/reopen';
import { requestCancel } from '../../src/jobs/state/request-cancel';
import { succeed } from '../../src/jobs/state/succeed';
import type { TransitionContext } from '../../src/jobs/state/transition-context';
import type { QualityReport } from '../../src/quality/master-quality';
import { TestEnv } from '../support/test-env';

/** A report as the quality check records it (its shape is the check's; the SQL keeps it whole). */
const QUALITY_REPORT: QualityReport = {
  verdict: 'corrected',
  owned: true,
  spec: { integrated_lufs: -14, tolerance_lu: 0.5, max_true_peak_dbtp: -1 },
  source: '/artifacts/output/m.wav',
  delivered: '/artifacts/output/m_corrected.wav',
  measured: null,
  corrected: null,
  correction: { gain_db: -5, limiter_reduction_db: 1.5, actions: ['gain -5.0 dB'] },
  stems: [],
  problems: ['true peak 0 dBTP, above -1 dBTP'],
  warnings: [],
};

/** The steps a transition is called with: the one it starts, the one it finishes, and another. */
const STARTED = 'mix_master';
const FINISHED = 'generate_sound';
const OTHER = 'analyze_style';

interface Seed {
  status: JobStatus;
  cancel: boolean;
  attempt?: number;
  overdue?: boolean;
  steps?: Record<string, StepStatus>;
}

/** The job state machine against real PostgreSQL, with no Nest, Bull or HTTP in between. */
describe('job state transitions', () => {
  const env = new TestEnv();
  let pool: Pool;
  let ctx: TransitionContext;
  const announced: [string, JobStatus | undefined][] = [];

  before(async () => {
    await env.setUp();
    const migrations = new DataSource(typeormOptions(env.databaseUrl, 2));
    await migrations.initialize();
    await migrations.runMigrations({ transaction: 'all' });
    await migrations.destroy();
    pool = new Pool({ connectionString: env.databaseUrl, max: 4 });
    ctx = {
      sql: new PoolSql(() => pool),
      announce: { changed: (jobId, finished) => announced.push([jobId, finished]) },
    };
  });

  after(async () => {
    await pool?.end();
    await env.tearDown();
  });

  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await pool.query(text, params)).rows as T[];

  async function seed(world: Seed): Promise<string> {
    const id = randomUUID();
    const terminal = [JobStatus.Success, JobStatus.Failure, JobStatus.Cancelled].includes(
      world.status,
    );
    await q(
      `INSERT INTO jobs (id, prompt, owner, status, attempt, deadline_at, cancel_requested_at,
                         started_at, finished_at, current_step, webhook_url)
       VALUES ($1, 'a chill beat', 'tester', $2::job_status, $3, now() + ($4::text || ' hours')::interval,
               CASE WHEN $5::boolean THEN now() END,
               CASE WHEN $2::job_status <> 'PENDING' THEN now() END, CASE WHEN $6::boolean THEN now() END,
               $7, 'https://hooks.example.com/in')`,
      [
        id,
        world.status,
        world.attempt ?? 1,
        world.overdue ? '-1' : '1',
        world.cancel,
        terminal,
        world.status === JobStatus.Processing ? FINISHED : null,
      ],
    );
    for (const [step, status] of Object.entries(world.steps ?? {})) {
      await q(
        `INSERT INTO job_steps (job_id, step, status, input, attempts, started_at)
         VALUES ($1, $2, $3::step_status, '{}'::jsonb, 1, now())`,
        [id, step, status],
      );
    }
    return id;
  }

  const job = async (id: string) =>
    (
      await q<{
        status: JobStatus;
        attempt: number;
        started_at: Date | null;
        finished_at: Date | null;
        result: unknown;
        error: unknown;
      }>(`SELECT status, attempt, started_at, finished_at, result, error FROM jobs WHERE id = $1`, [
        id,
      ])
    )[0];
  const steps = async (id: string) =>
    Object.fromEntries(
      (
        await q<{ step: string; status: StepStatus }>(
          `SELECT step, status FROM job_steps WHERE job_id = $1`,
          [id],
        )
      ).map((s) => [s.step, s.status]),
    );
  const events = (id: string) =>
    q<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM job_events WHERE job_id = $1 ORDER BY id`,
      [id],
    );
  const deliveries = (id: string) =>
    q<{ event_type: string; payload: { data: Record<string, unknown> } }>(
      `SELECT event_type, payload FROM webhook_deliveries WHERE job_id = $1 ORDER BY event_id`,
      [id],
    );

  const attempt = (n = 1): StepAttempt => ({
    attempt: n,
    started_at: new Date(Date.now() - 40).toISOString(),
    finished_at: new Date().toISOString(),
    duration_ms: 40,
    outcome: 'succeeded',
  });

  /** Calls `transition` on job `id` as a run holding attempt 1 would. */
  async function call(name: TransitionName, id: string): Promise<unknown> {
    const fence = { jobId: id, attempt: 1 };
    const finish = { step: FINISHED, output: { stems: { piano: '/s/p.wav' } }, attempt: attempt() };
    switch (name) {
      case 'createJob':
        throw new Error('createJob has no existing job');
      case 'claim':
        return claim(ctx, id);
      case 'advance':
        return advance(ctx, fence, finish, { step: STARTED, input: { stem_paths: ['/s/p.wav'] } });
      case 'queueStep':
        return queueStep(ctx, fence, finish, { step: STARTED, input: { stem_paths: [] } }, 3);
      case 'succeed':
        return succeed(ctx, fence, finish, { final_track_url: '/artifacts/master.wav' });
      case 'recordRetry':
        return recordRetry(ctx, fence, FINISHED, { ...attempt(), outcome: 'retrying' }, 1000);
      case 'recordInterrupted':
        return recordInterrupted(ctx, fence, FINISHED, { ...attempt(), outcome: 'interrupted' });
      case 'recordUnexpectedError':
        return recordUnexpectedError(ctx, fence);
      case 'fail':
        return fail(ctx, fence, FINISHED, { step: FINISHED, message: 'boom' }, attempt());
      case 'requestCancel':
        return requestCancel(ctx, id);
      case 'markCancelled':
        return markCancelled(ctx, id, FINISHED, { ...attempt(), outcome: 'cancelled' });
      case 'reopen':
        return reopen(ctx, id, 60_000);
      case 'failOverdue':
        return failOverdue(ctx);
      case 'heartbeat':
        return heartbeat(ctx, fence);
      case 'recordQuality':
        return recordQuality(ctx, fence, QUALITY_REPORT);
    }
  }

  const STATUSES = Object.values(JobStatus);
  const TRANSITIONS = [...new Set(JOB_TRANSITIONS.map((r) => r.transition))].filter(
    (t) => t !== 'createJob',
  );

  it('allows exactly the job transitions of the table, and leaves every other call a no-op', async () => {
    for (const transition of TRANSITIONS) {
      for (const status of STATUSES) {
        for (const cancel of [false, true]) {
          const id = await seed({
            status,
            cancel,
            overdue: transition === 'failOverdue',
            steps: { parse_prompt: StepStatus.Succeeded, [FINISHED]: StepStatus.Running },
          });
          const before = await events(id);
          await call(transition, id);
          const rule = jobRuleFor(transition, status, cancel);
          const after = await job(id);
          const where = `${transition} from ${status}${cancel ? ' with a cancel request' : ''}`;
          assert.equal(after.status, rule?.to ?? status, where);
          if (!rule) assert.deepEqual(await events(id), before, `${where} emits nothing`);
        }
      }
    }
  });

  it('makes exactly the step changes of the table', async () => {
    for (const rule of STEP_TRANSITIONS) {
      for (const cancel of rule.guard === 'always'
        ? [false, true]
        : [rule.guard === 'cancel requested']) {
        const jobRule = JOB_TRANSITIONS.find(
          (r) =>
            r.transition === rule.transition &&
            r.from !== null &&
            jobRuleFor(r.transition, r.from, cancel) === r,
        );
        if (!jobRule?.from) continue;
        const name = stepNameFor(rule);
        const id = await seed({
          status: jobRule.from,
          cancel,
          overdue: rule.transition === 'failOverdue',
          steps: {
            ...(rule.role !== 'finished' ? { [FINISHED]: StepStatus.Running } : {}),
            ...(rule.from ? { [name]: rule.from } : {}),
          },
        });
        await call(rule.transition, id);
        const where = `${rule.transition}: ${rule.role} step ${rule.from ?? '(none)'}${cancel ? ', cancel requested' : ''}`;
        assert.equal((await steps(id))[name], rule.to, where);
      }
    }
  });

  function stepNameFor(rule: StepTransitionRule): string {
    if (rule.role === 'finished') return FINISHED;
    if (rule.role === 'other') return OTHER;
    return rule.transition === 'claim' ? FIRST_STEP.name : STARTED;
  }

  it('fences every write of a run by its attempt: a stale run writes nothing', async () => {
    for (const transition of [
      'advance',
      'queueStep',
      'succeed',
      'recordRetry',
      'recordInterrupted',
      'recordUnexpectedError',
      'fail',
      'recordQuality',
    ] as const) {
      const id = await seed({
        status: JobStatus.Processing,
        cancel: false,
        attempt: 2,
        steps: { [FINISHED]: StepStatus.Running },
      });
      const before = { job: await job(id), steps: await steps(id), events: await events(id) };
      const outcome = await call(transition, id);
      assert.ok(outcome === 'fenced' || outcome === false, `${transition} says it was fenced`);
      assert.deepEqual(
        { job: await job(id), steps: await steps(id), events: await events(id) },
        before,
        `${transition} of a stale run`,
      );
    }
  });

  it('records the duration of a succeeded step in its event and webhook (advance and succeed)', async () => {
    const id = await seed({
      status: JobStatus.Processing,
      cancel: false,
      steps: { [FINISHED]: StepStatus.Running },
    });
    assert.equal(await call('advance', id), 'written');
    assert.equal(
      await succeed(
        ctx,
        { jobId: id, attempt: 1 },
        { step: STARTED, output: { output_path: '/artifacts/m.wav' }, attempt: attempt() },
        { final_track_url: '/artifacts/m.wav' },
      ),
      'written',
    );
    const succeeded = (await events(id)).filter((e) => e.type === 'step.succeeded');
    assert.deepEqual(
      succeeded.map((e) => e.data),
      [
        { step: FINISHED, duration_ms: 40 },
        { step: STARTED, duration_ms: 40 },
      ],
    );
    const hooks = (await deliveries(id)).filter((d) => d.event_type === 'step.succeeded');
    assert.deepEqual(
      hooks.map((d) => d.payload.data.duration_ms),
      [40, 40],
    );
    const rows = await q<{ duration_ms: number }>(
      `SELECT duration_ms FROM job_steps WHERE job_id = $1 ORDER BY step`,
      [id],
    );
    assert.deepEqual(
      rows.map((r) => r.duration_ms),
      [40, 40],
    );
    assert.deepEqual((await job(id)).result, { final_track_url: '/artifacts/m.wav' });
  });

  it('records the quality report on the job and in its quality.checked event and webhook', async () => {
    const id = await seed({
      status: JobStatus.Processing,
      cancel: false,
      steps: { [STARTED]: StepStatus.Running },
    });
    assert.equal(await call('recordQuality', id), 'written');
    const [row] = await q<{ quality: unknown; status: string }>(
      `SELECT quality, status FROM jobs WHERE id = $1`,
      [id],
    );
    assert.deepEqual(row, { quality: QUALITY_REPORT, status: JobStatus.Processing });
    const checked = (await events(id)).filter((e) => e.type === 'quality.checked');
    assert.deepEqual(
      checked.map((e) => e.data),
      [QUALITY_REPORT],
    );
    const hooks = (await deliveries(id)).filter((d) => d.event_type === 'quality.checked');
    assert.deepEqual(
      hooks.map((d) => d.payload.data.verdict),
      ['corrected'],
    );
  });

  it('never turns a FAILED or CANCELLED step back to RETRYING when a shutdown interrupts its call', async () => {
    const overdue = await seed({
      status: JobStatus.Processing,
      cancel: false,
      overdue: true,
      steps: { [FINISHED]: StepStatus.Running },
    });
    await failOverdue(ctx);
    const cancelled = await seed({
      status: JobStatus.Processing,
      cancel: true,
      steps: { [FINISHED]: StepStatus.Running },
    });
    assert.equal(await markCancelled(ctx, cancelled, null, null), true);
    for (const id of [overdue, cancelled]) {
      const before = await steps(id);
      assert.equal(await call('recordInterrupted', id), false);
      assert.deepEqual(await steps(id), before);
    }
    assert.equal((await steps(overdue))[FINISHED], StepStatus.Failed);
    assert.equal((await steps(cancelled))[FINISHED], StepStatus.Cancelled);
  });

  it('ends a claimed job with a cancel request CANCELLED without starting a run', async () => {
    const id = await seed({ status: JobStatus.Pending, cancel: true, attempt: 0 });
    announced.length = 0;
    assert.deepEqual(await claim(ctx, id), { kind: 'cancelled' });
    const after = await job(id);
    assert.equal(after.status, JobStatus.Cancelled);
    assert.equal(after.attempt, 0, 'no run was started');
    assert.equal(after.started_at, null);
    assert.deepEqual(
      (await events(id)).map((e) => [e.type, e.data]),
      [['job.status', { status: 'CANCELLED' }]],
    );
    assert.deepEqual(
      (await deliveries(id)).map((d) => d.event_type),
      ['job.status'],
    );
    assert.deepEqual(announced, [[id, JobStatus.Cancelled]]);
  });

  it('leaves a job made under a newer step list to a newer worker, and runs an older one', async () => {
    const newer = await seed({ status: JobStatus.Pending, cancel: false, attempt: 0 });
    await q(`UPDATE jobs SET step_list_version = $2 WHERE id = $1`, [newer, STEP_LIST_VERSION + 1]);
    const before = { job: await job(newer), events: await events(newer) };
    assert.deepEqual(await claim(ctx, newer), { kind: 'newer-step-list' });
    assert.deepEqual({ job: await job(newer), events: await events(newer) }, before);
    const older = await seed({ status: JobStatus.Pending, cancel: false, attempt: 0 });
    await q(`UPDATE jobs SET step_list_version = $2 WHERE id = $1`, [older, STEP_LIST_VERSION - 1]);
    assert.equal((await claim(ctx, older)).kind, 'claimed');
  });

  it('starts the first step in the claim with its input', async () => {
    const id = await seed({ status: JobStatus.Pending, cancel: false, attempt: 0 });
    const outcome = await claim(ctx, id);
    assert.equal(outcome.kind, 'claimed');
    assert.equal(outcome.kind === 'claimed' && outcome.job.started_step, FIRST_STEP.name);
    const [row] = await q<{ status: string; input: unknown }>(
      `SELECT status, input FROM job_steps WHERE job_id = $1 AND step = $2`,
      [id, FIRST_STEP.name],
    );
    assert.deepEqual(row, { status: 'RUNNING', input: { prompt: 'a chill beat' } });
    assert.deepEqual(
      (await events(id)).map((e) => e.type),
      ['job.status', 'step.started'],
    );
  });

  it('lets an accepted cancel win over the last step, keeps its checkpoint, and a retry then succeeds at once', async () => {
    const id = await seed({
      status: JobStatus.Processing,
      cancel: true,
      steps: { [FINISHED]: StepStatus.Succeeded, [STARTED]: StepStatus.Running },
    });
    const write = await succeed(
      ctx,
      { jobId: id, attempt: 1 },
      { step: STARTED, output: { output_path: '/artifacts/m.wav' }, attempt: attempt() },
      { final_track_url: '/artifacts/m.wav' },
    );
    assert.equal(write, 'cancelled');
    assert.equal((await job(id)).status, JobStatus.Cancelled);
    assert.equal((await job(id)).result, null);
    const [checkpoint] = await q<{ status: string; output: unknown }>(
      `SELECT status, output FROM job_steps WHERE job_id = $1 AND step = $2`,
      [id, STARTED],
    );
    assert.deepEqual(checkpoint, {
      status: 'SUCCEEDED',
      output: { output_path: '/artifacts/m.wav' },
    });

    assert.deepEqual(await reopen(ctx, id, 60_000), { status: JobStatus.Pending, reopened: true });
    const claimed = await claim(ctx, id);
    assert.equal(claimed.kind, 'claimed');
    const fence = { jobId: id, attempt: claimed.kind === 'claimed' ? claimed.job.attempt : 0 };
    assert.equal(
      await succeed(ctx, fence, null, { final_track_url: '/artifacts/m.wav' }),
      'written',
    );
    const after = await job(id);
    assert.equal(after.status, JobStatus.Success);
    assert.deepEqual(after.result, { final_track_url: '/artifacts/m.wav' });
  });

  it('lets an accepted cancel win over a failure and a retry', async () => {
    for (const transition of ['fail', 'recordRetry'] as const) {
      const id = await seed({
        status: JobStatus.Processing,
        cancel: true,
        steps: { [FINISHED]: StepStatus.Running, [OTHER]: StepStatus.Pending },
      });
      assert.equal(await call(transition, id), 'cancelled', transition);
      const after = await job(id);
      assert.equal(after.status, JobStatus.Cancelled, transition);
      assert.equal(after.error, null, transition);
      assert.equal((await steps(id))[OTHER], StepStatus.Cancelled, transition);
      assert.deepEqual(
        (await events(id)).map((e) => e.data).at(-1),
        { status: 'CANCELLED' },
        transition,
      );
    }
  });

  it('counts the unexpected errors of the run holding the job, and a retry starts the count again', async () => {
    const id = await seed({
      status: JobStatus.Processing,
      cancel: false,
      steps: { [FINISHED]: StepStatus.Running },
    });
    const before = { steps: await steps(id), events: await events(id) };
    assert.equal(await recordUnexpectedError(ctx, { jobId: id, attempt: 1 }), 1);
    assert.equal(await recordUnexpectedError(ctx, { jobId: id, attempt: 1 }), 2);
    assert.equal(await recordUnexpectedError(ctx, { jobId: id, attempt: 2 }), 'fenced');
    assert.deepEqual({ steps: await steps(id), events: await events(id) }, before);
    const count = async () =>
      (await q<{ n: number }>(`SELECT unexpected_errors AS n FROM jobs WHERE id = $1`, [id]))[0].n;
    assert.equal(await count(), 2);
    await fail(ctx, { jobId: id, attempt: 1 }, FINISHED, { step: FINISHED, message: 'x' }, null);
    assert.equal((await reopen(ctx, id, 60_000))?.reopened, true);
    assert.equal(await count(), 0);
  });

  it('stores a new job with its first event once per Idempotency-Key', async () => {
    const job1 = {
      id: randomUUID(),
      prompt: 'p',
      referenceTrackUrl: null,
      owner: 'tester',
      idempotencyKey: 'k-1',
      requestFingerprint: 'f',
      deadlineMs: 60_000,
      stepListVersion: STEP_LIST_VERSION,
      priority: JobPriority.Normal,
      maxBacklog: 1_000,
    };
    assert.equal(await createJob(ctx, job1), 'created');
    assert.equal(await createJob(ctx, { ...job1, id: randomUUID() }), 'duplicate');
    assert.equal((await job(job1.id)).status, JobStatus.Pending);
    assert.deepEqual(
      (await events(job1.id)).map((e) => [e.type, e.data]),
      [['job.status', { status: 'PENDING' }]],
    );
  });

  it("refuses a new job while its owner's unfinished jobs fill the backlog, and stores nothing", async () => {
    const owner = `backlog-${randomUUID()}`;
    const make = (n: number) => ({
      id: randomUUID(),
      prompt: `p${n}`,
      referenceTrackUrl: null,
      owner,
      idempotencyKey: null,
      requestFingerprint: null,
      deadlineMs: 60_000,
      stepListVersion: STEP_LIST_VERSION,
      priority: JobPriority.Low,
      maxBacklog: 2,
    });
    const first = make(1);
    assert.equal(await createJob(ctx, first), 'created');
    assert.equal(await createJob(ctx, make(2)), 'created');
    const third = make(3);
    assert.equal(await createJob(ctx, third), 'backlog full');
    assert.equal((await q(`SELECT 1 FROM jobs WHERE id = $1`, [third.id])).length, 0);
    assert.equal((await events(third.id)).length, 0);
    // A finished job leaves room.
    await q(`UPDATE jobs SET status = 'SUCCESS', finished_at = now() WHERE id = $1`, [first.id]);
    assert.equal(await createJob(ctx, third), 'created');
    assert.equal(
      (await q<{ priority: string }>(`SELECT priority FROM jobs WHERE id = $1`, [third.id]))[0]
        .priority,
      'low',
    );
  });
});
