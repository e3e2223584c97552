import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiKey } from './support/api-keys';
import { eventually } from './support/eventually';
import { postJson, requestJson, waitForJob } from './support/http-client';
import {
  accepted,
  createTrack,
  createTracks,
  getJob,
  metricSum,
  metricValue,
  QueuedJobView,
  ranWhileBusy,
} from './support/service-line';
import { SseClient } from './support/sse-client';
import { Receiver } from './support/webhook-receiver';
import { useOrchestrator } from './support/use-orchestrator';
import { ServiceCapacity } from '../src/pipeline/capacity/service-capacity';
import { expectOutcome, FAULT_SUITE_STUB, settle, sleep } from './faults/scenario';

const GENERATION = { service: 'sound-generation' };

/**
 * Capacity-aware dispatch against one API and two worker processes, with a sound generation
 * service that takes a few calls at once and answers 503 with Retry-After beyond them.
 * Asserts counts and order; the benchmark's capacity phase reports the times.
 */
describe('capacity-aware dispatch', () => {
  const receiver = new Receiver();
  const harness = useOrchestrator({
    stub: FAULT_SUITE_STUB,
    helpers: [receiver],
    app: false,
    resetStubEachTest: true,
    processesPerTest: true,
  });
  const { env, stubs: stub } = harness;

  /** One API and two workers at the default WORKER_CONCURRENCY, all with `extra`. */
  const startStack = async (extra: Record<string, string> = {}) => {
    const [api, ...workers] = await Promise.all([
      harness.startProcess('api', { APP_ROLE: 'api', ...extra }),
      harness.startProcess('worker-1', { APP_ROLE: 'worker', ...extra }),
      harness.startProcess('worker-2', { APP_ROLE: 'worker', ...extra }),
    ]);
    return { api, workers, all: [api, ...workers].map((p) => p.url) };
  };

  const refused = () => stub.callsTo('generate').filter((c) => c.outcome === 'refused').length;

  /** Holds the generation calls of the prompts put in `held` until `open()`. */
  const holdGeneration = () => {
    const held = new Set<string>();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    stub.fault = (call) =>
      call.service === 'generate' && held.has(call.prompt) ? { until: gate } : undefined;
    return { held, open: () => open() };
  };

  /** Creates a job and waits until it waits in the generation line (`queue` set). */
  const createQueued = async (
    apiUrl: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<string> => {
    const id = await createTrack(apiUrl, body, headers);
    await waitForJob(apiUrl, id, (job) => ((job as QueuedJobView).queue ?? null) !== null, 15_000);
    return id;
  };

  it('with SOUND_GENERATION_CONCURRENCY=2: every job succeeds, never more than 2 calls at once, none refused, parse and mix run beside a full generation', async () => {
    stub.capacity = { generate: 2 };
    stub.delayMs = { generate: 1_000, parse: 300, process: 300 };
    const { api, workers } = await startStack({ SOUND_GENERATION_CONCURRENCY: '2' });
    const first = await createTracks(api.url, 10, 'limited');
    await eventually(() => stub.inFlight('generate') === 2, 'generation to be full', 15_000);
    // Their parse calls come while both generation slots are taken.
    const second = await createTracks(api.url, 10, 'limited later');
    const ids = [...first, ...second];
    expectOutcome('capacity-limit-2', await settle(env, ids, stub, 60_000), { succeeded: 20 });

    assert.equal(refused(), 0, 'no generation call was refused');
    assert.equal(stub.peakInFlight.generate, 2, 'generation ran at its capacity, never above');
    const generation = accepted(stub.callsTo('generate'));
    assert.equal(generation.length, 20, 'one generation call per job');
    const besideFull = (service: 'parse' | 'process') =>
      stub.callsTo(service).filter((c) =>
        ranWhileBusy(
          c,
          generation.filter((g) => g.jobId !== c.jobId),
          2,
        ),
      ).length;
    const parses = besideFull('parse');
    const mixes = besideFull('process');
    console.log(`# limit 2: ${parses} parse and ${mixes} mix calls ran while generation was full`);
    assert.ok(parses >= 5, `parse calls ran while generation was full (${parses})`);
    assert.ok(mixes >= 1, `mix calls ran while generation was full (${mixes})`);
    assert.equal(
      await metricSum(
        workers.map((w) => w.url),
        'orchestrator_service_rejected_total',
        GENERATION,
      ),
      0,
      'no rejected call counted',
    );
  });

  it('a job waiting for a slot holds no worker slot: two workers of 2 slots each still run every step', async () => {
    stub.capacity = { generate: 1 };
    stub.delayMs = { generate: 300, parse: 200, process: 200 };
    const { api } = await startStack({
      SOUND_GENERATION_CONCURRENCY: '1',
      WORKER_CONCURRENCY: '2',
    });
    const ids = await createTracks(api.url, 10, 'few worker slots');
    expectOutcome('capacity-worker-slots', await settle(env, ids, stub, 45_000), {
      succeeded: 10,
    });
    const generation = accepted(stub.callsTo('generate'));
    assert.equal(refused(), 0, 'no generation call was refused');
    // With 4 worker slots and 1 generation slot, waiting jobs sitting in worker slots would
    // leave no slot for another job's parse or mix while generation runs.
    const beside = [...stub.callsTo('parse'), ...stub.callsTo('process')].filter((c) =>
      ranWhileBusy(
        c,
        generation.filter((g) => g.jobId !== c.jobId),
        1,
      ),
    ).length;
    assert.ok(beside >= 5, `parse and mix calls ran beside generation (${beside})`);
  });

  it('adaptive (no limit set): every job succeeds and refused calls stay under 20% of jobs', async () => {
    stub.capacity = { generate: 2 };
    stub.delayMs = { generate: 1_000 };
    const { api, workers } = await startStack();
    const ids = await createTracks(api.url, 20, 'adaptive');
    expectOutcome('capacity-adaptive', await settle(env, ids, stub, 60_000), { succeeded: 20 });
    const rejected = refused();
    const limit = metricValue(
      await (await fetch(`${api.url}/metrics`)).text(),
      'orchestrator_service_limit',
      GENERATION,
    );
    console.log(
      `# adaptive: ${rejected} refused generation calls for 20 jobs, peak ${stub.peakInFlight.generate} at once, limit now ${limit}`,
    );
    assert.ok(rejected < 0.2 * ids.length, `refused calls: ${rejected}`);
    assert.equal(stub.peakInFlight.generate, 2, 'the service was used at its capacity');
    assert.equal(
      await metricSum(
        workers.map((w) => w.url),
        'orchestrator_service_rejected_total',
        GENERATION,
      ),
      rejected,
      'orchestrator_service_rejected_total counts every refused call',
    );
    assert.ok(limit !== undefined && limit >= 1, `the learnt limit is shown (${limit})`);
  });

  it('priority orders one owner’s waiting jobs: high, then normal, then low, each in order of arrival', async () => {
    stub.capacity = { generate: 1 };
    stub.delayMs = { generate: 100 };
    const gate = holdGeneration();
    const { api } = await startStack({ SOUND_GENERATION_CONCURRENCY: '1' });
    gate.held.add('priority blocker');
    const blocker = await createTrack(api.url, { prompt: 'priority blocker' });
    await eventually(() => stub.inFlight('generate') === 1, 'the blocker to hold the slot');

    const bad = await postJson(`${api.url}/create-track`, { prompt: 'x', priority: 'urgent' });
    assert.equal(bad.status, 400, 'an unknown priority is refused');

    const order = ['low', 'normal', 'high', 'low', 'normal', 'high', 'low', undefined, 'high'];
    const ids: string[] = [];
    for (const [i, priority] of order.entries())
      ids.push(
        await createQueued(api.url, { prompt: `priority ${i}`, ...(priority ? { priority } : {}) }),
      );
    const views = await Promise.all(ids.map((id) => getJob(api.url, id)));
    assert.deepEqual(
      views.map((v) => v.priority),
      order.map((p) => p ?? 'normal'),
      'priority is shown, normal by default',
    );
    gate.open();
    expectOutcome('capacity-priority', await settle(env, [blocker, ...ids], stub), {
      succeeded: ids.length + 1,
    });
    const started = accepted(stub.callsTo('generate'))
      .filter((c) => c.jobId !== blocker)
      .sort((a, b) => a.at - b.at)
      .map((c) => ids.indexOf(c.jobId));
    assert.deepEqual(started, [2, 5, 8, 1, 4, 7, 0, 3, 6], 'generation order');
  });

  it('a known line: positions 1..N in order, eta grows with position; a cancelled waiting job ends at once and frees its place', async () => {
    stub.capacity = { generate: 1 };
    stub.delayMs = { generate: 1_000 };
    const { api, workers } = await startStack({
      SOUND_GENERATION_CONCURRENCY: '1',
      WEBHOOK_SECRET: `whsec_${Buffer.from('capacity-dispatch-webhook-secret').toString('base64')}`,
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    // One job first, so the estimate has a recent generation time to go by.
    const warm = await createTrack(api.url, { prompt: 'line warm-up' });
    assert.equal((await waitForJob(api.url, warm)).status, 'SUCCESS');

    const gate = holdGeneration();
    gate.held.add('line blocker');
    const blocker = await createTrack(api.url, { prompt: 'line blocker' });
    await eventually(() => stub.inFlight('generate') === 1, 'the blocker to hold the slot');
    assert.equal((await getJob(api.url, blocker)).queue, null, 'a running job is not in line');
    const line: string[] = [];
    const hook = receiver.on('/line', () => ({ status: 204 }));
    for (let i = 0; i < 5; i++)
      line.push(
        await createQueued(api.url, {
          prompt: `line ${i}`,
          ...(i === 2 ? { webhook_url: hook, webhook_events: ['step.queued'] } : {}),
        }),
      );

    const views = await Promise.all(line.map((id) => getJob(api.url, id)));
    assert.deepEqual(
      views.map((v) => [v.status, v.queue?.step, v.queue?.position]),
      line.map((_, i) => ['PROCESSING', 'generate_sound', i + 1]),
      'each waiting job shows its place in line',
    );
    // Whole seconds: two places may round to the same estimate, the line's end may not.
    const etas = views.map((v) => v.queue!.eta_seconds);
    assert.ok(
      etas.every(
        (eta, i) => typeof eta === 'number' && eta >= 0 && (i === 0 || eta >= etas[i - 1]),
      ) && etas[etas.length - 1] > etas[0],
      `eta_seconds grows with the position: ${etas.join(', ')}`,
    );
    for (const view of views) {
      assert.equal(view.result?.step, 'Generating Sound', 'the original clients see the step');
      const step = view.steps.find((s) => s.name === 'generate_sound');
      assert.equal(step?.status, 'QUEUED', 'the waiting step is QUEUED');
      assert.equal(view.steps.find((s) => s.name === 'parse_prompt')?.status, 'SUCCEEDED');
    }
    const listed = await requestJson<{ items: QueuedJobView[] }>(
      `${api.url}/jobs?status=PROCESSING&limit=100`,
    );
    const listedLine = new Map(listed.body.items.map((item) => [item.job_id, item]));
    assert.deepEqual(
      line.map((id) => [listedLine.get(id)?.queue?.position, listedLine.get(id)?.priority]),
      line.map((_, i) => [i + 1, 'normal']),
      'the list shows each place in line and the priority',
    );
    const sse = new SseClient(`${api.url}/jobs/${line[2]}/events`);
    await sse.opened;
    await sse.until(
      () => sse.events.some((e) => e.type === 'step.queued'),
      'the step.queued event',
    );
    sse.close();
    const queued = sse.events.find((e) => e.type === 'step.queued')?.data;
    assert.deepEqual(
      [queued?.step, queued?.position],
      ['generate_sound', 3],
      'step.queued names the step and the place in line',
    );

    await eventually(() => receiver.forJob(line[2]).length > 0, 'the step.queued webhook');
    assert.deepEqual(
      receiver
        .forJob(line[2])
        .map((r) => [r.parsed.type, r.parsed.data.step, r.parsed.data.position]),
      [['step.queued', 'generate_sound', 3]],
      'the webhook of step.queued names the step and the place in line',
    );

    // The operator's view of the line: gauges and the SQL view.
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    assert.deepEqual(
      ['in_flight', 'limit', 'waiting'].map((m) =>
        metricValue(metrics, `orchestrator_service_${m}`, GENERATION),
      ),
      [1, 1, 5],
      'in flight, limit and waiting of sound generation',
    );
    const viewRows = await env.sql<{ job_id: string; position: number; step: string }>(
      `SELECT job_id, position, step FROM service_line WHERE service = 'sound-generation' ORDER BY position`,
    );
    assert.deepEqual(
      viewRows.map((r) => [r.job_id, r.position, r.step]),
      line.map((id, i) => [id, i + 1, 'generate_sound']),
      'the service_line view lists the line in order',
    );

    // Waiting costs nothing: no write to the waiting jobs, no new event, no call, no re-claim
    // by the reconciler (it passes every second here).
    const snapshot = () =>
      env.sql(
        `SELECT j.id, j.attempt, j.updated_at, j.status,
                (SELECT count(*)::int FROM job_events e WHERE e.job_id = j.id) AS events,
                (SELECT json_agg(json_build_object('step', s.step, 'status', s.status,
                        'attempts', s.attempts) ORDER BY s.step)
                   FROM job_steps s WHERE s.job_id = j.id) AS steps
           FROM jobs j WHERE j.id = ANY($1) ORDER BY j.id`,
        [line],
      );
    const callsBefore = stub.calls.length;
    const before = await snapshot();
    await sleep(2_500);
    assert.deepEqual(await snapshot(), before, 'the waiting jobs were left alone');
    assert.equal(stub.calls.length, callsBefore, 'no call was tried while the line waited');

    // Cancel the second in line: it ends at once; the ones behind it move up.
    const cancel = await requestJson<{ status: string }>(`${api.url}/jobs/${line[1]}/cancel`, {
      method: 'POST',
    });
    assert.equal(cancel.status, 202);
    const cancelled = await waitForJob(api.url, line[1], (j) => j.status === 'CANCELLED', 3_000);
    assert.equal((cancelled as QueuedJobView).queue, null, 'a cancelled job is not in line');
    const rest = [line[0], ...line.slice(2)];
    await eventually(
      async () => {
        const now = await Promise.all(rest.map((id) => getJob(api.url, id)));
        return now.every((v, i) => v.queue?.position === i + 1);
      },
      'the places behind the cancelled job to move up',
      5_000,
    );
    const waiting = metricValue(
      await (await fetch(`${api.url}/metrics`)).text(),
      'orchestrator_service_waiting',
      GENERATION,
    );
    assert.equal(waiting, 4, 'the cancelled job left the line');

    gate.open();
    expectOutcome('capacity-line', await settle(env, [blocker, ...line], stub), {
      succeeded: 5,
      cancelled: 1,
    });
    assert.equal(stub.callsFor(line[1], 'generate_sound').length, 0, 'never generated');
    assert.equal(stub.callsFor(line[1], 'mix_master').length, 0, 'never mixed');
    assert.deepEqual(
      accepted(stub.callsTo('generate'))
        .filter((c) => rest.includes(c.jobId))
        .sort((a, b) => a.at - b.at)
        .map((c) => rest.indexOf(c.jobId)),
      [0, 1, 2, 3],
      'the line was served in order',
    );
    const after = await env.sql(`SELECT * FROM service_line`);
    assert.deepEqual(after, [], 'the line is empty once every job is done');
    const waited = await metricSum(
      workers.map((w) => w.url),
      'orchestrator_service_wait_seconds_count',
      GENERATION,
    );
    assert.ok(waited >= 4, `the wait histogram counted the waits (${waited})`);
  });

  it('a step whose line had room a moment ago is marked running while it asks; the line full after all, it waits QUEUED; a step after it asks first', async () => {
    stub.capacity = { generate: 1 };
    const settings = { SOUND_GENERATION_CONCURRENCY: '1' };
    const api = await harness.startProcess('api', { APP_ROLE: 'api', ...settings });
    await harness.startProcess('worker-1', { APP_ROLE: 'worker', ...settings });
    let openParse!: () => void;
    const parseGate = new Promise<void>((resolve) => (openParse = resolve));
    let openGeneration!: () => void;
    const generationGate = new Promise<void>((resolve) => (openGeneration = resolve));
    stub.fault = (call) => {
      if (call.service === 'parse' && call.prompt === 'marked while asking')
        return { until: parseGate };
      if (call.service === 'generate' && call.prompt === 'holds the slot')
        return { until: generationGate };
      return undefined;
    };
    const marked = await createTrack(api.url, { prompt: 'marked while asking' });
    await eventually(() => stub.inFlight('parse') === 1, 'its parse call to be held');
    // The worker's ask for this job's slot is granted at once: the line has room.
    const holder = await createTrack(api.url, { prompt: 'holds the slot' });
    await eventually(() => stub.inFlight('generate') === 1, 'the other job to hold the slot');
    openParse();
    await waitForJob(api.url, marked, (job) => ((job as QueuedJobView).queue ?? null) !== null);
    const after = await createQueued(api.url, { prompt: 'asks first' });

    const generationEvents = async (id: string) =>
      (
        await env.sql<{ type: string }>(
          `SELECT type FROM job_events WHERE job_id = $1 AND data->>'step' = 'generate_sound' ORDER BY id`,
          [id],
        )
      ).map((e) => e.type);
    assert.deepEqual(
      await generationEvents(marked),
      ['step.started', 'step.queued'],
      'marked running while it asked, then queued',
    );
    assert.deepEqual(await generationEvents(after), ['step.queued'], 'asked first: only queued');
    for (const id of [marked, after])
      assert.equal(
        (await getJob(api.url, id)).steps.find((s) => s.name === 'generate_sound')?.status,
        'QUEUED',
      );
    assert.equal(stub.inFlight('generate'), 1, 'neither call started while the slot was held');

    openGeneration();
    const ids = [marked, holder, after];
    expectOutcome('capacity-marked-while-asking', await settle(env, ids, stub), { succeeded: 3 });
    assert.equal(stub.peakInFlight.generate, 1, 'never more than the limit at once');
    assert.equal(refused(), 0, 'no generation call was refused');
  });

  it('a job resumed when its slot is handed to it asks no slot for its first step, which it will not run', async () => {
    stub.capacity = { generate: 1 };
    // In this process, to see which jobs the runner asks a first-step slot for.
    // Unlike the processes, an app lives on after its test: stopped at the end of this one,
    // so that it takes none of the later tests' jobs.
    const app = await harness.startApp({ SOUND_GENERATION_CONCURRENCY: '1' });
    try {
      const capacity = app.app.get(ServiceCapacity);
      const askedEarly: string[] = [];
      const tryAcquire = capacity.tryAcquire.bind(capacity);
      capacity.tryAcquire = (step, jobId) => {
        askedEarly.push(jobId);
        return tryAcquire(step, jobId);
      };
      const generation = holdGeneration();
      generation.held.add('holds the slot');
      const holder = await createTrack(app.url, { prompt: 'holds the slot' });
      await eventually(() => stub.inFlight('generate') === 1, 'the slot to be held');
      const waiter = await createQueued(app.url, { prompt: 'waits for the slot' });
      // A fresh job's parse, granted at once, makes the parse line look free for a second:
      // a run starting within it would ask for a parse slot with its claim.
      const fresh = await createTrack(app.url, { prompt: 'fresh' });
      await eventually(() => stub.callsFor(fresh, 'parse_prompt').length === 1, 'its parse');
      const before = askedEarly.filter((id) => id === waiter).length;
      generation.open();
      const ids = [holder, waiter, fresh];
      expectOutcome('capacity-resumed-no-early-ask', await settle(env, ids, stub), {
        succeeded: 3,
      });
      assert.equal(
        askedEarly.filter((id) => id === waiter).length,
        before,
        'the resumed run asked for no parse slot',
      );
    } finally {
      await app.stop();
    }
  });

  it('time waiting in line does not count against JOB_DEADLINE_MS', async () => {
    stub.capacity = { generate: 1 };
    stub.delayMs = { generate: 500 };
    const { api } = await startStack({
      SOUND_GENERATION_CONCURRENCY: '1',
      JOB_DEADLINE_MS: '2000',
      RECONCILE_INTERVAL_MS: '300',
    });
    // 8 jobs through one slot of 0.5 s: the last waits about 3.5 s, running well under 2 s.
    const ids = await createTracks(api.url, 8, 'deadline');
    expectOutcome('capacity-deadline', await settle(env, ids, stub, 20_000), { succeeded: 8 });
  });

  it('fair share: owner B’s one job starts within three slot turns of owner A’s backlog; over MAX_BACKLOG_PER_OWNER is 429', async () => {
    // Keys last in this file: once a key exists, every request needs one.
    const alice = { 'x-api-key': await createApiKey(env, 'alice') };
    const bob = { 'x-api-key': await createApiKey(env, 'bob') };
    stub.capacity = { generate: 1 };
    stub.delayMs = { generate: 200 };
    const settings = { SOUND_GENERATION_CONCURRENCY: '1', MAX_BACKLOG_PER_OWNER: '40' };
    // A's backlog is created before any worker runs, so all 40 are unfinished at the 41st.
    const api = await harness.startProcess('api', { APP_ROLE: 'api', ...settings });
    const backlog = await createTracks(api.url, 40, 'owner A', { headers: alice });
    const over = await postJson<{ detail: string; estimated_wait_seconds: number }>(
      `${api.url}/create-track`,
      { prompt: 'owner A, one too many' },
      alice,
    );
    assert.equal(
      over.status,
      429,
      `the 41st unfinished job is refused: ${JSON.stringify(over.body)}`,
    );
    assert.equal(typeof over.body.detail, 'string');
    assert.ok(
      typeof over.body.estimated_wait_seconds === 'number' && over.body.estimated_wait_seconds >= 0,
      `estimated_wait_seconds: ${over.body.estimated_wait_seconds}`,
    );
    await Promise.all(
      ['worker-1', 'worker-2'].map((name) =>
        harness.startProcess(name, { APP_ROLE: 'worker', ...settings }),
      ),
    );
    await eventually(
      async () => {
        const [row] = await env.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM service_line WHERE service = 'sound-generation'`,
        );
        return row.n >= 20;
      },
      "owner A's backlog to wait in line",
      15_000,
    );
    const createdAt = Date.now();
    const single = await createTrack(api.url, { prompt: 'owner B' }, bob);
    expectOutcome('capacity-fairness', await settle(env, [...backlog, single], stub, 45_000), {
      succeeded: 41,
    });
    const bStart = stub.callsFor(single, 'generate_sound')[0].at;
    const aTurns = accepted(stub.callsTo('generate')).filter(
      (c) => c.jobId !== single && c.at >= createdAt && c.at < bStart,
    ).length;
    const aAfter = accepted(stub.callsTo('generate')).filter((c) => c.at > bStart).length;
    console.log(`# fairness: ${aTurns} of A's calls started before B's, ${aAfter} after`);
    assert.ok(aTurns <= 3, `B waited ${aTurns} slot turns`);
    assert.ok(aAfter >= 10, `A's backlog was still waiting when B's call started (${aAfter})`);
  });
});
