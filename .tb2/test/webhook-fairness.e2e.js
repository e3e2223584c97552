"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const webhook_deliveries_repository_1 = require("../src/webhooks/webhook-deliveries.repository");
const webhook_dispatcher_1 = require("../src/webhooks/webhook-dispatcher");
const api_keys_1 = require("./support/api-keys");
const http_client_1 = require("./support/http-client");
const use_orchestrator_1 = require("./support/use-orchestrator");
const webhook_receiver_1 = require("./support/webhook-receiver");
const eventually_1 = require("./support/eventually");
const SECRET = `whsec_${(0, node_crypto_1.randomBytes)(32).toString('base64')}`;
(0, node_test_1.describe)('webhook fairness across receivers and owners', () => {
    const hanging = new webhook_receiver_1.Receiver();
    const otherHanging = new webhook_receiver_1.Receiver();
    const healthy = new webhook_receiver_1.Receiver();
    const keys = {};
    const { env, app } = (0, use_orchestrator_1.useOrchestrator)({
        helpers: [hanging, otherHanging, healthy],
        beforeStart: async () => {
            keys.alice = await (0, api_keys_1.createApiKey)(env, 'alice');
            keys.bob = await (0, api_keys_1.createApiKey)(env, 'bob');
        },
        env: {
            WEBHOOK_SECRET: SECRET,
            WEBHOOK_POLL_INTERVAL_MS: '50',
            WEBHOOK_TIMEOUT_MS: '60000',
            WEBHOOK_CONCURRENCY: '4',
            WEBHOOK_CONCURRENCY_PER_ORIGIN: '2',
            WEBHOOK_CONCURRENCY_PER_OWNER: '3',
        },
        beforeTeardown: () => {
            for (const receiver of [hanging, otherHanging, healthy])
                receiver.releaseHeld();
        },
    });
    async function create(owner, webhookUrl) {
        const res = await (0, http_client_1.postJson)(`${app.url}/create-track`, { prompt: 'a chill lo-fi beat, 100 bpm', webhook_url: webhookUrl }, { authorization: `Bearer ${keys[owner]}` });
        strict_1.default.equal(res.status, 202, JSON.stringify(res.body));
        return res.body.job_id;
    }
    async function bobsDeliveryArrives() {
        const jobId = await create('bob', healthy.on(`/bob-${Date.now()}`, () => ({ status: 204 })));
        await (0, eventually_1.eventually)(() => healthy.forJob(jobId).length > 0, "bob's first webhook while alice's receivers hang");
    }
    (0, node_test_1.it)("sends another owner's webhook while one receiver hangs, holding at most its origin's slots", async () => {
        await create('alice', hanging.on('/hang', () => 'hang'));
        await (0, eventually_1.eventually)(() => hanging.held.length >= 2, 'the hanging receiver to hold two requests');
        await bobsDeliveryArrives();
        strict_1.default.equal(hanging.held.length, 2, 'one origin holds WEBHOOK_CONCURRENCY_PER_ORIGIN slots');
        hanging.releaseHeld();
    });
    (0, node_test_1.it)('holds at most WEBHOOK_CONCURRENCY_PER_OWNER slots for one owner across receivers', async () => {
        await create('alice', hanging.on('/hang-again', () => 'hang'));
        await create('alice', otherHanging.on('/hang', () => 'hang'));
        await (0, eventually_1.eventually)(() => hanging.held.length + otherHanging.held.length >= 3, "alice's receivers to hold three requests");
        await bobsDeliveryArrives();
        strict_1.default.equal(hanging.held.length + otherHanging.held.length, 3, 'one owner holds WEBHOOK_CONCURRENCY_PER_OWNER slots');
        hanging.releaseHeld();
        otherHanging.releaseHeld();
    });
    (0, node_test_1.it)("claims owners' oldest due deliveries in turn, not one owner's backlog first", async () => {
        await (0, eventually_1.eventually)(async () => {
            const running = await env.sql(`SELECT 1 FROM jobs WHERE status NOT IN ('SUCCESS', 'FAILURE', 'CANCELLED')`);
            return running.length === 0;
        }, 'every job to finish');
        await app.app.get(webhook_dispatcher_1.WebhookDispatcher).beforeApplicationShutdown();
        const [aliceJob] = await env.sql(`SELECT id FROM jobs WHERE owner = 'alice' LIMIT 1`);
        const [bobJob] = await env.sql(`SELECT id FROM jobs WHERE owner = 'bob' LIMIT 1`);
        await env.sql(`UPDATE webhook_deliveries SET status = 'DELIVERED' WHERE status = 'PENDING'`);
        const queue = async (id, jobId, url, agoSeconds) => env.sql(`INSERT INTO webhook_deliveries (id, job_id, event_id, event_type, url, payload, next_attempt_at)
         VALUES ($1, $2, 0, 'job.status', $3, '{}', now() - make_interval(secs => $4))`, [id, jobId, url, agoSeconds]);
        for (let i = 0; i < 6; i++)
            await queue(`alice_${i}`, aliceJob.id, `http://receiver-${i}.example/hook`, 100 - i);
        await queue('bob_0', bobJob.id, 'https://bob.example/hook', 1);
        const claimed = await app.app.get(webhook_deliveries_repository_1.WebhookDeliveriesRepository).claimDue(2, 60_000, {
            inFlightByOwner: new Map(),
            inFlightByOrigin: new Map(),
            perOwner: 10,
            perOrigin: 10,
        });
        strict_1.default.deepEqual(claimed.map((d) => d.id), ['alice_0', 'bob_0'], "each owner's oldest first, then each one's second");
        strict_1.default.deepEqual(claimed.map((d) => d.origin), ['http://receiver-0.example', 'https://bob.example']);
        const next = await app.app.get(webhook_deliveries_repository_1.WebhookDeliveriesRepository).claimDue(1, 60_000, {
            inFlightByOwner: new Map(),
            inFlightByOrigin: new Map([['http://receiver-1.example', 2]]),
            perOwner: 10,
            perOrigin: 2,
        });
        strict_1.default.deepEqual(next.map((d) => d.id), ['alice_2']);
    });
});
//# sourceMappingURL=webhook-fairness.e2e.js.map