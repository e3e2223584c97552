import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { PreparedSql } from '../../database/prepared-sql';
import { JobPriority, PRIORITY_RANK } from '../../jobs/job-priority';
import { createRedisClient } from '../../redis/redis-connection';
import type { Step } from '../steps';
import * as scripts from './capacity-scripts';

/** How long a process waits for another one's rebuild of the line after a Redis flush. */
const REBUILD_WAIT_MS = 250;
const REBUILD_LOCK_MS = 15_000;
const REBUILD_SETTLED_MS = 2_000;

/** Set once the lines match PostgreSQL; a flush takes it away, and a rebuild sets it again. */
const readyKeyOf = (prefix: string) => `${prefix}:cap:ready`;

/** One service's line: the scripts' keys and arguments. */
export class Line {
  /** The line's own keys, in `CAPACITY_KEYS` order. */
  readonly serviceKeys: string[];
  /** Every script's keys: the line's own, then the ready key. */
  readonly keys: string[];
  readonly args: string[];
  readonly readyKey: string;
  readonly waitersKey: string;

  /**
   * `ceiling` is the configured limit, or the adaptive one's ceiling; `pickupMs` how long a
   * slot handed to a parked job is kept for it.
   */
  constructor(
    readonly service: string,
    mode: 'fixed' | 'adaptive',
    ceiling: number,
    prefix: string,
    pickupMs: number,
  ) {
    const base = `${prefix}:cap:${service}`;
    this.waitersKey = `${base}:waiters`;
    this.readyKey = readyKeyOf(prefix);
    this.serviceKeys = scripts.CAPACITY_KEYS.map((key) => `${base}:${key}`);
    this.keys = [...this.serviceKeys, this.readyKey];
    this.args = [`${base}:line:`, String(ceiling), mode, String(pickupMs)];
  }
}

/**
 * The Redis side of the service lines: the connection, each script by its SHA1, and the
 * rebuild of the lines from PostgreSQL that a script asks for when it finds them unbuilt
 * (a fresh or flushed Redis). `lines` lists the steps that have a line, with it.
 */
export class LineStore {
  private readonly logger = new Logger(LineStore.name);
  private redis?: Redis;
  private readonly shas = new Map<string, string>();

  constructor(
    private readonly config: AppConfig,
    private readonly sql: PreparedSql,
    private readonly leaseMs: number,
    private readonly lines: () => [Step, Line][],
  ) {}

  /** Rebuilds the lines first if a flush took them away (the reconciler's reads). */
  async built(line: Line): Promise<void> {
    if (!(await this.client().exists(line.readyKey))) await this.rebuild();
  }

  async quit(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /**
   * Runs a script on one line; one that finds the line unbuilt (a fresh or flushed Redis)
   * first has it rebuilt from PostgreSQL, so no slot is handed out before the running calls
   * are counted.
   */
  run<T>(line: Line, script: string, args: string[], rebuilds = true): Promise<T> {
    return this.runOn<T>(line.keys, [...line.args, ...args], script, rebuilds);
  }

  /** Runs a script on the given keys and arguments (`run`, over one or more lines). */
  async runOn<T>(keys: string[], args: string[], script: string, rebuilds = true): Promise<T> {
    const client = this.client();
    for (;;) {
      const reply = (await this.evaluate(client, script, keys, args)) as
        T | 'rebuild' | ['rebuild'];
      const unbuilt = reply === 'rebuild' || (Array.isArray(reply) && reply[0] === 'rebuild');
      if (!unbuilt || !rebuilds) return reply as T;
      await this.rebuild();
    }
  }

  /**
   * One script call by its SHA1, so the script's text crosses the wire only the first time
   * a Redis server sees it (or after its restart: NOSCRIPT sends it whole once).
   */
  private async evaluate(
    client: Redis,
    script: string,
    keys: string[],
    args: string[],
  ): Promise<unknown> {
    let sha = this.shas.get(script);
    if (sha === undefined) {
      sha = createHash('sha1').update(script).digest('hex');
      this.shas.set(script, sha);
    }
    try {
      return await client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(script, keys.length, ...keys, ...args);
    }
  }

  /**
   * After a flush: the leases of the steps PostgreSQL records as running, and the line of
   * those it records as queued, in the order they joined it. A step queued in the last
   * REBUILD_SETTLED_MS may be a run that was handed its slot just before the flush and is
   * about to call: it is left out, and the reconciler enqueues it if it really waits (its
   * run then asks for a slot anew), so no step ends up both calling and in line. One
   * process rebuilds; the others wait for it.
   */
  async rebuild(): Promise<void> {
    const client = this.client();
    const prefix = this.config.queuePrefix;
    const lock = `${prefix}:cap:rebuilding`;
    if ((await client.set(lock, '1', 'PX', REBUILD_LOCK_MS, 'NX')) !== 'OK') {
      await new Promise((resolve) => setTimeout(resolve, REBUILD_WAIT_MS));
      return;
    }
    try {
      if (await client.exists(readyKeyOf(prefix))) return;
      const lined = this.lines();
      const steps = lined.map(([step]) => step.name);
      const rows = await this.sql.planned<RecordedCall>(
        `SELECT s.job_id, s.step, s.status, j.owner, j.priority,
                (extract(epoch FROM COALESCE(j.queued_at, now())) * 1000)::bigint AS joined_ms
           FROM job_steps s JOIN jobs j ON j.id = s.job_id
          WHERE j.status = 'PROCESSING' AND s.step = ANY($1::text[])
            AND (s.status = 'RUNNING'
                 OR (s.status = 'QUEUED'
                     AND j.updated_at < now() - make_interval(secs => $2::float8 / 1000)))
          ORDER BY j.queued_at NULLS FIRST, j.id`,
        [steps, REBUILD_SETTLED_MS],
      );
      for (const [step, line] of lined) {
        const mine = rows.filter((row) => row.step === step.name);
        const running = mine.filter((row) => row.status === 'RUNNING').map((row) => row.job_id);
        const queued = mine
          .filter((row) => row.status === 'QUEUED')
          .flatMap((row) => [
            row.job_id,
            row.owner,
            String(PRIORITY_RANK[row.priority]),
            String(row.joined_ms),
          ]);
        await this.run(
          line,
          scripts.REBUILD,
          [String(this.leaseMs), String(running.length), ...running, ...queued],
          false,
        );
      }
      await client.set(readyKeyOf(prefix), String(Date.now()));
      this.logger.warn({
        msg: 'Service lines rebuilt from PostgreSQL',
        running: rows.filter((row) => row.status === 'RUNNING').length,
        queued: rows.filter((row) => row.status === 'QUEUED').length,
      });
    } finally {
      await client.del(lock);
    }
  }

  /** Whether the client is connected, waiting for it up to `ms` (a scrape right after start). */
  async ready(ms: number): Promise<boolean> {
    const client = this.client();
    if (client.status === 'ready') return true;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    const connected = await Promise.race([
      new Promise<boolean>((resolve) => {
        onReady = () => resolve(true);
        client.once('ready', onReady);
      }),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
    clearTimeout(timer);
    if (onReady) client.off('ready', onReady);
    return connected;
  }

  client(): Redis {
    if (!this.redis) {
      // Scripts asked for in the same tick (many runs at once) go out in one socket write.
      this.redis = createRedisClient(this.config, {
        maxRetriesPerRequest: 1,
        enableAutoPipelining: true,
      });
      this.redis.on('error', () => undefined); // reconnects by itself; a failed call throws
    }
    return this.redis;
  }
}

interface RecordedCall {
  job_id: string;
  step: string;
  status: 'RUNNING' | 'QUEUED';
  owner: string;
  priority: JobPriority;
  joined_ms: string;
}
