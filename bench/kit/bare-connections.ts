import Bull from 'bull';
import { Pool } from 'pg';
import { redisConnectionOptions } from '../../src/redis/redis-connection';

/** The environment a kit process reads: where PostgreSQL and Redis are, and its key prefix. */
export interface BareKitEnv extends Record<string, string> {
  KIT_DATABASE_URL: string;
  KIT_REDIS_URL: string;
  KIT_QUEUE_PREFIX: string;
}

const POOL_SIZE = 10;

/** A pool of 10 connections, opened before the first measured request (as the orchestrator's). */
export async function barePool(env: NodeJS.ProcessEnv): Promise<Pool> {
  const pool = new Pool({ connectionString: env.KIT_DATABASE_URL, max: POOL_SIZE });
  await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.query('SELECT 1')));
  return pool;
}

export async function bareQueue(env: NodeJS.ProcessEnv, name: string): Promise<Bull.Queue> {
  const redis = redisConnectionOptions({ redisUrl: env.KIT_REDIS_URL!, redisTlsCa: undefined });
  const queue = new Bull(name, { redis, prefix: env.KIT_QUEUE_PREFIX });
  await queue.isReady();
  return queue;
}
