"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const redis_connection_1 = require("../src/redis/redis-connection");
const private_redis_1 = require("./faults/private-redis");
const http_client_1 = require("./support/http-client");
const contract_stub_1 = require("./support/contract-stub");
const test_env_1 = require("./support/test-env");
const tls_certificate_1 = require("./support/tls-certificate");
(0, node_test_1.describe)('Redis over TLS (rediss:)', { skip: !(0, tls_certificate_1.opensslInstalled)() && 'openssl is not installed' }, () => {
    const env = new test_env_1.TestEnv();
    const stubs = new contract_stub_1.ContractStub();
    const certificate = new tls_certificate_1.TlsCertificate();
    let redis;
    let app;
    (0, node_test_1.before)(async () => {
        await env.setUp();
        await stubs.start();
        await certificate.create();
        redis = new private_redis_1.PrivateRedis(certificate);
        await redis.start();
        app = await (0, test_env_1.startApp)(env, {
            ...stubs.env(),
            REDIS_URL: redis.url,
            REDIS_TLS_CA_FILE: certificate.caFile,
        });
    });
    (0, node_test_1.after)(async () => {
        await app?.close();
        await redis?.stop();
        await certificate.remove();
        await stubs.stop();
        await env.tearDown();
    });
    (0, node_test_1.it)('runs a job to SUCCESS with the queue, rate limiter and cancel channel on the TLS server', async () => {
        strict_1.default.match(redis.url, /^rediss:\/\/127\.0\.0\.1:\d+\/0$/);
        const created = await (0, http_client_1.postJson)(`${app.url}/create-track`, {
            prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
        });
        strict_1.default.equal(created.status, 202);
        const job = await (0, http_client_1.waitForJob)(app.url, created.body.job_id);
        strict_1.default.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
        const [queueKeys, limitKeys, cancelSubscribers] = await redis.command((client) => Promise.all([
            client.keys(`${env.name}:pipeline:*`),
            client.keys(`${env.name}:ratelimit:*`),
            client.pubsub('NUMSUB', `${env.name}:cancel`),
        ]));
        strict_1.default.ok(queueKeys.length > 0, 'Bull keeps its queue there');
        strict_1.default.ok(limitKeys.length > 0, 'the create was counted there');
        strict_1.default.equal(Number(cancelSubscribers[1]), 1, 'the worker listens there');
    });
    (0, node_test_1.it)('checks the server certificate: without REDIS_TLS_CA_FILE the test CA is not trusted', async () => {
        const client = (0, redis_connection_1.createRedisClient)({ redisUrl: redis.url, redisTlsCa: undefined }, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        const failure = new Promise((resolve) => client.once('error', resolve));
        try {
            await strict_1.default.rejects(client.connect());
            strict_1.default.match((await failure).message, /certificate/i);
        }
        finally {
            client.disconnect();
        }
    });
});
//# sourceMappingURL=redis-tls.e2e.js.map