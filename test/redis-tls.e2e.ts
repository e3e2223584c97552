import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRedisClient } from '../src/redis/redis-connection';
import { PrivateRedis } from './faults/private-redis';
import { postJson, waitForJob } from './support/http-client';
import { ContractStub } from './support/contract-stub';
import { RunningApp, startApp, TestEnv } from './support/test-env';
import { opensslInstalled, TlsCertificate } from './support/tls-certificate';

/**
 * Managed Redis speaks TLS only (`rediss:`): a private redis-server with a certificate made
 * here, whose CA the orchestrator is told about through REDIS_TLS_CA_FILE.
 */
describe(
  'Redis over TLS (rediss:)',
  { skip: !opensslInstalled() && 'openssl is not installed' },
  () => {
    const env = new TestEnv();
    const stubs = new ContractStub();
    const certificate = new TlsCertificate();
    let redis: PrivateRedis;
    let app: RunningApp;

    before(async () => {
      await env.setUp();
      await stubs.start();
      await certificate.create();
      redis = new PrivateRedis(certificate);
      await redis.start();
      app = await startApp(env, {
        ...stubs.env(),
        REDIS_URL: redis.url,
        REDIS_TLS_CA_FILE: certificate.caFile,
      });
    });

    after(async () => {
      await app?.close();
      await redis?.stop();
      await certificate.remove();
      await stubs.stop();
      await env.tearDown();
    });

    it('runs a job to SUCCESS with the queue, rate limiter and cancel channel on the TLS server', async () => {
      assert.match(redis.url, /^rediss:\/\/127\.0\.0\.1:\d+\/0$/);
      const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
        prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
      });
      assert.equal(created.status, 202);
      const job = await waitForJob(app.url, created.body.job_id);
      assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
      // The server listens on TLS only: every key and subscription below came over TLS.
      const [queueKeys, limitKeys, cancelSubscribers] = await redis.command((client) =>
        Promise.all([
          client.keys(`${env.name}:pipeline:*`),
          client.keys(`${env.name}:ratelimit:*`),
          client.pubsub('NUMSUB', `${env.name}:cancel`),
        ]),
      );
      assert.ok(queueKeys.length > 0, 'Bull keeps its queue there');
      assert.ok(limitKeys.length > 0, 'the create was counted there');
      assert.equal(
        Number((cancelSubscribers as [string, number])[1]),
        1,
        'the worker listens there',
      );
    });

    it('checks the server certificate: without REDIS_TLS_CA_FILE the test CA is not trusted', async () => {
      const client = createRedisClient(
        { redisUrl: redis.url, redisTlsCa: undefined },
        { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null },
      );
      const failure = new Promise<Error>((resolve) => client.once('error', resolve));
      try {
        await assert.rejects(client.connect());
        assert.match((await failure).message, /certificate/i);
      } finally {
        client.disconnect();
      }
    });
  },
);
