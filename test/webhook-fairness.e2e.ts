import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { WebhookDeliveriesRepository } from '../src/webhooks/webhook-deliveries.repository';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher';
import { createApiKey } from './support/api-keys';
import { postJson } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';
import { Receiver } from './support/webhook-receiver';
import { eventually } from './support/eventually';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Issue 11, item 6: one owner's hanging receiver held every webhook slot of the worker, and
 * another owner's deliveries waited for its timeouts. Slots are now capped per receiver
 * origin and per owner, and owners take turns.
 */
describe('webhook fairness across receivers and owners', () => {
  // Separate servers: separate ports, so separate origins.
  const hanging = new Receiver();
  const otherHanging = new Receiver();
  const healthy = new Receiver();
  const keys: Record<string, string> = {};
  const { env, app } = useOrchestrator({
    helpers: [hanging, otherHanging, healthy],
    beforeStart: async () => {
      keys.alice = await createApiKey(env, 'alice');
      keys.bob = await createApiKey(env, 'bob');
    },
    env: {
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_POLL_INTERVAL_MS: '50',
      // Far longer than any wait below: a held request stays held for the whole test.
      WEBHOOK_TIMEOUT_MS: '60000',
      WEBHOOK_CONCURRENCY: '4',
      WEBHOOK_CONCURRENCY_PER_ORIGIN: '2',
      WEBHOOK_CONCURRENCY_PER_OWNER: '3',
    },
    beforeTeardown: () => {
      for (const receiver of [hanging, otherHanging, healthy]) receiver.releaseHeld();
    },
  });

  async function create(owner: string, webhookUrl: string): Promise<string> {
    const res = await postJson<{ job_id: string }>(
      `${app.url}/create-track`,
      { prompt: 'a chill lo-fi beat, 100 bpm', webhook_url: webhookUrl },
      { authorization: `Bearer ${keys[owner]}` },
    );
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.job_id;
  }

  /** Waits for bob's first delivery to the healthy receiver; true once it has come. */
  async function bobsDeliveryArrives(): Promise<void> {
    const jobId = await create(
      'bob',
      healthy.on(`/bob-${Date.now()}`, () => ({ status: 204 })),
    );
    await eventually(
      () => healthy.forJob(jobId).length > 0,
      "bob's first webhook while alice's receivers hang",
    );
  }

  it("sends another owner's webhook while one receiver hangs, holding at most its origin's slots", async () => {
    // A job sends nine events; every one of them hangs at this receiver.
    await create(
      'alice',
      hanging.on('/hang', () => 'hang'),
    );
    await eventually(() => hanging.held.length >= 2, 'the hanging receiver to hold two requests');
    await bobsDeliveryArrives();
    assert.equal(hanging.held.length, 2, 'one origin holds WEBHOOK_CONCURRENCY_PER_ORIGIN slots');
    hanging.releaseHeld();
  });

  it('holds at most WEBHOOK_CONCURRENCY_PER_OWNER slots for one owner across receivers', async () => {
    await create(
      'alice',
      hanging.on('/hang-again', () => 'hang'),
    );
    await create(
      'alice',
      otherHanging.on('/hang', () => 'hang'),
    );
    await eventually(
      () => hanging.held.length + otherHanging.held.length >= 3,
      "alice's receivers to hold three requests",
    );
    await bobsDeliveryArrives();
    assert.equal(
      hanging.held.length + otherHanging.held.length,
      3,
      'one owner holds WEBHOOK_CONCURRENCY_PER_OWNER slots',
    );
    hanging.releaseHeld();
    otherHanging.releaseHeld();
  });

  it("claims owners' oldest due deliveries in turn, not one owner's backlog first", async () => {
    // No dispatcher from here on: the rows below stay due for the claim under test.
    await eventually(async () => {
      const running = await env.sql(
        `SELECT 1 FROM jobs WHERE status NOT IN ('SUCCESS', 'FAILURE', 'CANCELLED')`,
      );
      return running.length === 0;
    }, 'every job to finish');
    await app.app.get(WebhookDispatcher).beforeApplicationShutdown();
    const [aliceJob] = await env.sql<{ id: string }>(
      `SELECT id FROM jobs WHERE owner = 'alice' LIMIT 1`,
    );
    const [bobJob] = await env.sql<{ id: string }>(
      `SELECT id FROM jobs WHERE owner = 'bob' LIMIT 1`,
    );
    await env.sql(`UPDATE webhook_deliveries SET status = 'DELIVERED' WHERE status = 'PENDING'`);
    const queue = async (id: string, jobId: string, url: string, agoSeconds: number) =>
      env.sql(
        `INSERT INTO webhook_deliveries (id, job_id, event_id, event_type, url, payload, next_attempt_at)
         VALUES ($1, $2, 0, 'job.status', $3, '{}', now() - make_interval(secs => $4))`,
        [id, jobId, url, agoSeconds],
      );
    // Alice's backlog is older than bob's one delivery, and spread over many receivers.
    for (let i = 0; i < 6; i++)
      await queue(`alice_${i}`, aliceJob.id, `http://receiver-${i}.example/hook`, 100 - i);
    await queue('bob_0', bobJob.id, 'https://bob.example/hook', 1);

    const claimed = await app.app.get(WebhookDeliveriesRepository).claimDue(2, 60_000, {
      inFlightByOwner: new Map(),
      inFlightByOrigin: new Map(),
      perOwner: 10,
      perOrigin: 10,
    });
    assert.deepEqual(
      claimed.map((d) => d.id),
      ['alice_0', 'bob_0'],
      "each owner's oldest first, then each one's second",
    );
    assert.deepEqual(
      claimed.map((d) => d.origin),
      ['http://receiver-0.example', 'https://bob.example'],
    );

    // An origin already at its cap in this worker is passed over; its owner's next is taken.
    const next = await app.app.get(WebhookDeliveriesRepository).claimDue(1, 60_000, {
      inFlightByOwner: new Map(),
      inFlightByOrigin: new Map([['http://receiver-1.example', 2]]),
      perOwner: 10,
      perOrigin: 2,
    });
    assert.deepEqual(
      next.map((d) => d.id),
      ['alice_2'],
    );
  });
});
