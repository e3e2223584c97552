import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PreparedSql } from '../../database/prepared-sql';
import { JobPriority, PRIORITY_RANK } from '../../jobs/job-priority';
import { Metrics, type ServiceLineGauges } from '../../observability/metrics';
import { PipelineProducer } from '../pipeline.producer';
import { STEP_LIST, type Step } from '../steps';
import * as scripts from './capacity-scripts';
import { Line, LineStore } from './line-store';
import { LocalSlots } from './local-slots';

/** A lease not renewed for this long is released: a dead worker's calls stop counting. */
export const LEASE_TTL_MS = 10_000;
/** How often a worker renews its leases and hands on the slots of expired ones. */
export const SWEEP_INTERVAL_MS = 1_000;
/**
 * How long a slot handed to a parked job is kept for its run to take it up. The job is
 * enqueued at the head of the queue, and enqueued again by the sweep every REDISPATCH_MS
 * until its run takes the slot up (an enqueue lost to a crash or a flush).
 */
export const PICKUP_TTL_MS = 30_000;
export const REDISPATCH_MS = 5_000;
/**
 * Until a service first refuses a call, each success at the full limit raises it by one
 * (slow start: it doubles per round of calls). After a refusal it grows by one only after
 * this many rounds (limit x rounds successes at the full limit): a service that refused at
 * N + 1 is asked for N + 1 again rarely, so it settles at N.
 */
export const PROBE_ROUNDS = 10;
/**
 * Calls this many times slower on average than the service's fastest recent ones, and at
 * least MIN_LATENCY_RISE_MS slower, count as congestion: the limit is cut as for a refusal.
 */
export const LATENCY_FACTOR = 3;
export const MIN_LATENCY_RISE_MS = 500;
/** Ceiling of an adaptive limit, when none is configured. */
export const ADAPTIVE_CEILING = 256;
/**
 * For this long after a line granted one of this process's asks at once, the line is taken
 * to have room: a run marks its next step running while it asks (see `likelyRoom`).
 */
export const ROOM_VIEW_MS = 1_000;
/** A scrape waits this long for the first connection to Redis before it goes without the gauges. */
const GAUGE_READY_WAIT_MS = 2_000;

export type Ticket =
  { kind: 'granted'; waitedMs: number } | { kind: 'queued'; position: number; etaSeconds: number };

export type ParkOutcome = 'granted' | 'parked' | 'lost';

export type CallOutcome = 'ok' | 'rejected' | 'other';

export interface Standing {
  position: number;
  etaSeconds: number;
}

/**
 * How many calls each downstream service gets at once, across every worker process: a
 * step above the limit waits in the service's line (owners take turns, priority orders an
 * owner's steps) without holding a worker slot, and is enqueued again when a slot is
 * handed to it. The count lives in Redis as leases, which their holders renew; it is
 * rebuilt from PostgreSQL's running and queued steps after a flush. An embedded service
 * (mounted by every worker for itself) is counted per process instead (`LocalSlots`).
 */
@Injectable()
export class ServiceCapacity implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ServiceCapacity.name);
  private readonly lines = new Map<string, Line>();
  private readonly local = new Map<string, LocalSlots>();
  /** Leases this process holds, by service: renewed every sweep. */
  private readonly held = new Map<string, Set<string>>();
  /** When each line last granted one of this process's asks at once; gone once one queued. */
  private readonly roomSeen = new Map<string, number>();
  private readonly store: LineStore;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    sql: PreparedSql,
    private readonly producer: PipelineProducer,
    private readonly metrics: Metrics,
  ) {
    this.store = new LineStore(config, sql, LEASE_TTL_MS, () =>
      STEP_LIST.filter((step) => this.hasLine(step)).map((step) => [step, this.lineOf(step)]),
    );
    for (const step of STEP_LIST) {
      if (!step.service) continue;
      const concurrency = config.stepConcurrency[step.name];
      const service = step.service.name;
      if (concurrency.kind === 'unlimited') continue;
      if (config.serviceUrls[step.name] === undefined) {
        // Embedded: this process's own calls are counted, and only a configured limit holds.
        if (concurrency.kind === 'fixed')
          this.local.set(service, new LocalSlots(concurrency.limit));
        continue;
      }
      const ceiling = concurrency.kind === 'fixed' ? concurrency.limit : ADAPTIVE_CEILING;
      const line = new Line(service, concurrency.kind, ceiling, config.queuePrefix, PICKUP_TTL_MS);
      this.lines.set(service, line);
      this.held.set(service, new Set());
    }
    metrics.watchServiceLines(() => this.gauges());
  }

  onApplicationBootstrap(): void {
    if (this.lines.size === 0) return;
    this.store.client(); // connected at start: the first call or scrape finds it ready
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'Service line sweep failed', err: String(error) }),
        )
        .finally(() => (this.sweeping = undefined));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
    await this.store.quit();
  }

  /** Whether the step's calls go through a line (a limited service at its own URL). */
  hasLine(step: Step): boolean {
    return step.service !== undefined && this.lines.has(step.service.name);
  }

  /**
   * Whether the step's line had room at this process's last look: it granted an ask at
   * once within ROOM_VIEW_MS, and queued none since. A guess for ordering writes only;
   * every call still waits for its own slot.
   */
  likelyRoom(step: Step): boolean {
    const seen = this.roomSeen.get(this.lineOf(step).service);
    return seen !== undefined && Date.now() - seen < ROOM_VIEW_MS;
  }

  /** The per-process slots of an embedded service with a configured limit, if any. */
  localSlots(step: Step): LocalSlots | undefined {
    return step.service ? this.local.get(step.service.name) : undefined;
  }

  /** A slot for the job's call to the step's service, or the job's place in its line. */
  async acquire(step: Step, jobId: string, owner: string, priority: JobPriority): Promise<Ticket> {
    const line = this.lineOf(step);
    const reply = await this.store.run<string[]>(line, scripts.ACQUIRE, [
      jobId,
      owner,
      String(PRIORITY_RANK[priority]),
      String(LEASE_TTL_MS),
    ]);
    return this.ticket(line, jobId, reply);
  }

  /**
   * A free slot nobody waits for, asked for before the run knows the job's owner (while
   * the job is claimed): true when it was taken. A full line, a job that holds a slot or
   * a place already, and unbuilt lines (after a flush: `acquire` rebuilds them) are left
   * to `acquire`.
   */
  async tryAcquire(step: Step, jobId: string): Promise<boolean> {
    const line = this.lineOf(step);
    const reply = await this.store.run<string>(
      line,
      scripts.TRY_ACQUIRE,
      [jobId, String(LEASE_TTL_MS)],
      false,
    );
    if (reply === 'full') this.sawRoom(line, false);
    if (reply !== 'granted') return false;
    this.held.get(line.service)?.add(jobId);
    this.sawRoom(line, true);
    return true;
  }

  /**
   * `done`'s call succeeded after `latencyMs`: its slot is given back and one of `next`'s
   * service asked for, in one round trip (the common path of a job between two services).
   */
  async handOver(
    done: Step,
    latencyMs: number,
    next: Step,
    jobId: string,
    owner: string,
    priority: JobPriority,
  ): Promise<Ticket> {
    const from = this.lineOf(done);
    const to = this.lineOf(next);
    this.held.get(from.service)?.delete(jobId);
    const reply = await this.store.runOn<string[]>(
      [...from.keys, ...to.serviceKeys],
      [
        ...from.args,
        jobId,
        String(Math.max(1, Math.round(latencyMs))),
        String(PROBE_ROUNDS),
        String(LATENCY_FACTOR),
        String(MIN_LATENCY_RISE_MS),
        ...to.args,
        owner,
        String(PRIORITY_RANK[priority]),
        String(LEASE_TTL_MS),
      ],
      scripts.HAND_OVER,
    );
    const handed = Number(reply[0]);
    this.dispatch(reply.slice(1, 1 + handed));
    return this.ticket(to, jobId, reply.slice(1 + handed));
  }

  /** The ticket an acquire's reply stands for; the parked jobs it handed slots to are enqueued. */
  private ticket(line: Line, jobId: string, reply: string[]): Ticket {
    if (reply[0] === 'granted') {
      this.held.get(line.service)?.add(jobId);
      const waitedMs = Number(reply[1]);
      if (waitedMs > 0)
        this.metrics.serviceWait.observe({ service: line.service }, waitedMs / 1000);
      // Granted at once: the line has room; after a wait in line: it had none.
      this.sawRoom(line, waitedMs === 0);
      this.dispatch(reply.slice(2));
      return { kind: 'granted', waitedMs };
    }
    this.sawRoom(line, false);
    // queued: {'queued', position, limit, avg_ms, ...handed}
    this.dispatch(reply.slice(4));
    return { kind: 'queued', ...standing(reply.slice(1, 4)) };
  }

  /** What an ask just showed of the line, for `likelyRoom`. */
  private sawRoom(line: Line, room: boolean): void {
    if (room) this.roomSeen.set(line.service, Date.now());
    else this.roomSeen.delete(line.service);
  }

  /** The run of a waiting job ends; `granted` when a slot reached it meanwhile. */
  async park(step: Step, jobId: string): Promise<ParkOutcome> {
    const line = this.lineOf(step);
    const reply = await this.store.run<ParkOutcome>(line, scripts.PARK, [
      jobId,
      String(LEASE_TTL_MS),
    ]);
    if (reply === 'granted') this.held.get(line.service)?.add(jobId);
    return reply;
  }

  /**
   * The call ended: the limit learns from how, and the slot goes to the next in line.
   * Returns how many other calls to the service were in flight when it ended.
   */
  async release(
    step: Step,
    jobId: string,
    outcome: CallOutcome,
    latencyMs: number,
    retryAfterMs = 0,
  ): Promise<number> {
    const line = this.lineOf(step);
    this.held.get(line.service)?.delete(jobId);
    if (outcome === 'rejected') this.metrics.serviceRejected.inc({ service: line.service });
    const [others, ...handed] = await this.store.run<[number, ...string[]]>(line, scripts.RELEASE, [
      jobId,
      outcome,
      String(Math.max(1, Math.round(latencyMs))),
      String(Math.max(0, Math.round(retryAfterMs))),
      String(PROBE_ROUNDS),
      String(LATENCY_FACTOR),
      String(MIN_LATENCY_RISE_MS),
    ]);
    this.dispatch(handed);
    return Number(others);
  }

  /** The job waits and calls no more (cancelled, ended): out of every line, slots handed on. */
  async leave(jobId: string): Promise<void> {
    for (const line of this.lines.values()) {
      this.held.get(line.service)?.delete(jobId);
      this.dispatch(await this.store.run<string[]>(line, scripts.LEAVE, [jobId], false));
    }
  }

  /** Where a waiting job stands in the step's line; null when it is not in it. */
  async standing(step: string, jobId: string): Promise<Standing | null> {
    const line = this.lineNamed(step);
    if (!line) return null;
    const reply = await this.store.run<[number, number, number] | null>(
      line,
      scripts.STANDING,
      [jobId],
      false,
    );
    return reply ? standing(reply) : null;
  }

  /**
   * About how long `jobs` more jobs would wait for the busiest service: each line's time for
   * that many calls at its current limit and recent call time. 0 without any line.
   */
  async estimatedWaitSeconds(jobs: number): Promise<number> {
    let seconds = 0;
    for (const line of this.lines.values()) {
      const [, limit, avgMs] = await this.store.run<number[]>(line, scripts.GAUGES, [], false);
      seconds = Math.max(seconds, Math.ceil(jobs / Math.max(1, limit)) * (avgMs / 1000));
    }
    return Math.round(seconds);
  }

  /**
   * Whether the job waits in the step's line (the reconciler asks: a job the line handed a
   * slot to, or lost, needs its Bull job back).
   */
  async isWaiting(step: string, jobId: string): Promise<boolean> {
    const line = this.lineNamed(step);
    if (!line) return false;
    await this.store.built(line);
    return (await this.store.client().hexists(line.waitersKey, jobId)) === 1;
  }

  /** Renews this process's leases, drops expired ones and hands their slots on. */
  async sweep(): Promise<void> {
    for (const line of this.lines.values()) {
      const held = [...(this.held.get(line.service) ?? [])];
      if (held.length > 0)
        await this.store.run(line, scripts.RENEW, [String(LEASE_TTL_MS), ...held], false);
      this.dispatch(
        await this.store.run<string[]>(line, scripts.SWEEP, [String(REDISPATCH_MS)], false),
      );
    }
  }

  /** The line of the step of that name, if its service has one. */
  private lineNamed(step: string): Line | undefined {
    const service = STEP_LIST.find((s) => s.name === step)?.service;
    return service && this.lines.get(service.name);
  }

  private lineOf(step: Step): Line {
    const line = step.service && this.lines.get(step.service.name);
    if (!line) throw new Error(`step ${step.name} has no service line`);
    return line;
  }

  /**
   * Enqueues the parked jobs a hand-off gave a slot to; a lost add is made again by the
   * sweep (REDISPATCH_MS), and a job the line lost altogether by the reconciler.
   */
  private dispatch(jobIds: string[]): void {
    for (const jobId of jobIds) void this.producer.enqueueHandedSlot(jobId);
  }

  private async gauges(): Promise<ServiceLineGauges[]> {
    if (this.lines.size === 0 || !(await this.store.ready(GAUGE_READY_WAIT_MS))) return [];
    const out: ServiceLineGauges[] = [];
    for (const line of this.lines.values()) {
      const [inFlight, limit, , waiting] = await this.store.run<number[]>(
        line,
        scripts.GAUGES,
        [],
        false,
      );
      out.push({ service: line.service, inFlight, limit, waiting });
    }
    return out;
  }
}

/** Position and estimate from a script's {position, limit, avg_ms}. */
function standing([position, limit, avgMs]: (string | number)[]): Standing {
  const p = Number(position);
  const rounds = Math.ceil(p / Math.max(1, Number(limit)));
  return { position: p, etaSeconds: Math.round((rounds * Number(avgMs)) / 1000) };
}
