import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { HostAllowList, parseAllowedHosts } from '../http/allowed-hosts';
import { OutboundAllowlist, parseOutboundAllowlist } from '../outbound/outbound-allowlist';
import { DEFAULT_WEBHOOK_RETRY_DELAYS_MS, parseRetryDelays } from '../webhooks/webhook-backoff';
import { parseArtifactUrlSecret } from '../artifacts/artifact-link-signature';
import { parseWebhookCredentialsKey } from '../webhooks/webhook-credentials';
import { parseWebhookSecret } from '../webhooks/webhook-signer';
import type { Concurrency } from '../pipeline/capacity/concurrency';
import { STEPS, StepName, StepPolicy } from '../pipeline/steps';
import { ConfigError, EnvReader } from './env-reader';

export type AppRole = 'api' | 'worker' | 'all';

/** JSON lines for machines; readable lines (pino-pretty) for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * The whole configuration, read once from the environment and validated at boot.
 * Injected as a class so every consumer gets the typed, validated values.
 */
export class AppConfig {
  readonly role: AppRole;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly dbPoolSize: number;
  readonly redisUrl: string;
  /** Extra CA certificates (PEM) that a `rediss:` server's certificate may chain to. */
  readonly redisTlsCa: string | undefined;
  readonly queuePrefix: string;
  readonly workerConcurrency: number;
  /** Service URL per step that calls one; absent means its embedded service is used. */
  readonly serviceUrls: Partial<Record<StepName, string>>;
  readonly stepPolicies: Record<StepName, StepPolicy>;
  /** `{envPrefix}_CONCURRENCY` of each step: unset adaptive, 0 unlimited, N at most N at once. */
  readonly stepConcurrency: Record<StepName, Concurrency>;
  /** An owner with this many unfinished jobs is refused new ones (429); 0: no cap. */
  readonly maxBacklogPerOwner: number;
  readonly referenceTrackMaxBytes: number;
  readonly referenceTrackTimeoutMs: number;
  readonly artifactsDir: string;
  /** Worker threads of the embedded services' rendering, mixing and analysis. */
  readonly embeddedRenderThreads: number;
  /** Whether the mixing service's masters are ours to correct: it is embedded, or MIXING_MASTERING_OWNED=true. */
  readonly mixerOwned: boolean;
  /** The embedded generator's tracks last at least this long (seconds). */
  readonly embeddedTrackSeconds: number;
  readonly publicBaseUrl: string | undefined;
  readonly artifactBaseUrl: string | undefined;
  /** HMAC key of signed download links; random for this process when ARTIFACT_URL_SECRET is unset. */
  readonly artifactUrlKey: Buffer;
  readonly artifactUrlKeyGenerated: boolean;
  /** A signed download link stays valid at least this long. */
  readonly artifactUrlTtlSeconds: number;
  readonly jobDeadlineMs: number;
  readonly reconcileIntervalMs: number;
  readonly shutdownGraceMs: number;
  readonly stalledIntervalMs: number;
  readonly lockDurationMs: number;
  readonly logLevel: string;
  readonly logFormat: LogFormat;
  readonly createRateLimitPerMinute: number;
  /** How long a client has to send a request's headers and body; 408 and closed after. */
  readonly requestTimeoutMs: number;
  /** Open connections one client address may hold at once; 0 means no cap. */
  readonly maxConnectionsPerClient: number;
  readonly corsOrigins: string[];
  /** The `Host` values answered (421 for others): loopback, HOST, PUBLIC_BASE_URL, ALLOWED_HOSTS. */
  readonly allowedHosts: HostAllowList;
  /** Private hosts and networks that webhook and reference-track URLs may still reach. */
  readonly outboundUrlAllowlist: OutboundAllowlist;
  /**
   * HMAC key of webhook signatures (the bytes behind `whsec_`). Undefined without
   * WEBHOOK_SECRET: then no receiver could verify a delivery, so none is accepted or sent.
   */
  readonly webhookKey: Buffer | undefined;
  /**
   * AES-256-GCM key the passwords in webhook URLs are stored under. Undefined without
   * WEBHOOK_CREDENTIALS_KEY: then a webhook_url with a password is refused.
   */
  readonly webhookCredentialsKey: Buffer | undefined;
  readonly webhookTimeoutMs: number;
  /** Delay before each retry; the number of attempts is one more than its length. */
  readonly webhookRetryDelaysMs: number[];
  readonly webhookConcurrency: number;
  /** Deliveries in flight to one receiver origin (scheme, host, port), per worker process. */
  readonly webhookConcurrencyPerOrigin: number;
  /** Deliveries in flight for one owner's jobs, per worker process. */
  readonly webhookConcurrencyPerOwner: number;
  readonly webhookPollIntervalMs: number;
  readonly sseKeepAliveMs: number;
  readonly ssePollIntervalMs: number;
  /** Event streams one key (or, without keys, one client address) may hold open per API process; 0: no cap. */
  readonly sseMaxStreamsPerKey: number;
  /** An event stream ends after this long; the client reconnects with Last-Event-ID. */
  readonly sseMaxStreamSeconds: number;
  /** Finished jobs older than this many days are deleted with their files; 0 keeps them forever. */
  readonly retentionDays: number;
  readonly retentionIntervalMs: number;

  /** `stdoutIsTerminal` decides LOG_FORMAT=auto (the default): pretty on a terminal, JSON otherwise. */
  constructor(
    env: NodeJS.ProcessEnv = process.env,
    stdoutIsTerminal: boolean = process.stdout.isTTY === true,
  ) {
    const read = new EnvReader(env);
    this.role = read.oneOf('APP_ROLE', ['api', 'worker', 'all'] as const, 'all');
    this.port = read.port('PORT', 3000);
    this.host = read.host('HOST', '127.0.0.1');
    this.databaseUrl = read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/test', [
      'postgres:',
      'postgresql:',
    ]);
    this.dbPoolSize = read.int('DB_POOL_SIZE', 10, 2, 200);
    this.redisUrl = read.redisUrl('REDIS_URL', 'redis://127.0.0.1:6379/0');
    this.redisTlsCa = read.optionalTextFile('REDIS_TLS_CA_FILE');
    this.queuePrefix = read.string('QUEUE_PREFIX', 'orchestrator');
    this.workerConcurrency = read.int('WORKER_CONCURRENCY', 50, 1, 1000);
    const retryOverride = read.optionalInt('STEP_RETRY_DELAY_MS', 0, 3_600_000);
    const serviceUrls: Partial<Record<StepName, string>> = {};
    const policies = {} as Record<StepName, StepPolicy>;
    const concurrency = {} as Record<StepName, Concurrency>;
    for (const step of STEPS) {
      const prefix = step.envPrefix;
      if (step.service) {
        const url = step.service.embeddedPath
          ? read.optionalUrl(`${prefix}_URL`, ['http:', 'https:'])
          : read.requiredUrl(
              `${prefix}_URL`,
              ['http:', 'https:'],
              `${step.name} has no embedded service`,
            );
        if (url !== undefined) serviceUrls[step.name] = url;
      }
      policies[step.name] = {
        timeoutMs: read.int(`${prefix}_TIMEOUT_MS`, step.policy.timeoutMs, 1, 3_600_000),
        attempts: read.int(`${prefix}_ATTEMPTS`, step.policy.attempts, 1, 100),
        baseDelayMs: retryOverride ?? step.policy.baseDelayMs,
      };
      const limit = step.service ? read.optionalInt(`${prefix}_CONCURRENCY`, 0, 100_000) : 0;
      concurrency[step.name] =
        limit === undefined
          ? { kind: 'adaptive' }
          : limit === 0
            ? { kind: 'unlimited' }
            : { kind: 'fixed', limit };
    }
    this.serviceUrls = serviceUrls;
    const mixerOwned = read.oneOf('MIXING_MASTERING_OWNED', ['true', 'false'] as const, 'false');
    this.mixerOwned = serviceUrls.mix_master === undefined || mixerOwned === 'true';
    this.stepPolicies = policies;
    this.stepConcurrency = concurrency;
    this.maxBacklogPerOwner = read.int('MAX_BACKLOG_PER_OWNER', 1_000, 0, 100_000_000);
    this.referenceTrackMaxBytes = read.int(
      'REFERENCE_TRACK_MAX_BYTES',
      50 * 1024 * 1024,
      1,
      2 ** 31,
    );
    this.referenceTrackTimeoutMs = read.int('REFERENCE_TRACK_TIMEOUT_MS', 30_000, 1, 3_600_000);
    this.artifactsDir = resolve(read.string('ARTIFACTS_DIR', '.artifacts'));
    // Leave a core to the API's event loop: rendering must not slow health and status answers.
    this.embeddedRenderThreads = read.int(
      'EMBEDDED_RENDER_THREADS',
      Math.max(1, availableParallelism() - 1),
      1,
      256,
    );
    this.embeddedTrackSeconds = read.int('EMBEDDED_TRACK_SECONDS', 30, 1, 600);
    this.publicBaseUrl = read
      .optionalUrl('PUBLIC_BASE_URL', ['http:', 'https:'])
      ?.replace(/\/$/, '');
    this.artifactBaseUrl = read
      .optionalUrl('ARTIFACT_BASE_URL', ['http:', 'https:'])
      ?.replace(/\/$/, '');
    this.jobDeadlineMs = read.int('JOB_DEADLINE_MS', 60 * 60_000, 1_000, 7 * 24 * 3_600_000);
    this.reconcileIntervalMs = read.int('RECONCILE_INTERVAL_MS', 10_000, 100, 3_600_000);
    this.shutdownGraceMs = read.int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000);
    this.stalledIntervalMs = read.int('STALLED_INTERVAL_MS', 5_000, 100, 600_000);
    this.lockDurationMs = read.int('LOCK_DURATION_MS', 10_000, 100, 600_000);
    this.logLevel = read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    );
    const logFormat = read.oneOf('LOG_FORMAT', ['auto', 'json', 'pretty'] as const, 'auto');
    this.logFormat = logFormat === 'auto' ? (stdoutIsTerminal ? 'pretty' : 'json') : logFormat;
    this.createRateLimitPerMinute = read.int('RATE_LIMIT_CREATE_PER_MINUTE', 600, 0, 1_000_000);
    this.requestTimeoutMs = read.int('REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000);
    this.maxConnectionsPerClient = read.int('MAX_CONNECTIONS_PER_CLIENT', 256, 0, 1_000_000);
    this.corsOrigins = read.originList('CORS_ORIGINS');
    // Values with their own syntax: their parsers throw, and each problem is collected.
    const problems: string[] = [];
    const parsed = <T>(name: string, parse: (raw: string) => T, fallback: T): T => {
      const raw = env[name]?.trim();
      if (!raw) return fallback;
      try {
        return parse(raw);
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
        return fallback;
      }
    };
    if (this.redisTlsCa && !this.redisUrl.toLowerCase().startsWith('rediss:'))
      problems.push('REDIS_TLS_CA_FILE: only used with a rediss: REDIS_URL, which this is not');
    this.outboundUrlAllowlist = parsed(
      'OUTBOUND_URL_ALLOWLIST',
      parseOutboundAllowlist,
      OutboundAllowlist.empty,
    );
    this.allowedHosts = HostAllowList.forServer({
      listenHost: this.host,
      publicBaseUrl: this.publicBaseUrl,
      allowedHosts: parsed('ALLOWED_HOSTS', parseAllowedHosts, []),
    });
    this.webhookKey = parsed('WEBHOOK_SECRET', parseWebhookSecret, undefined);
    this.webhookCredentialsKey = parsed(
      'WEBHOOK_CREDENTIALS_KEY',
      parseWebhookCredentialsKey,
      undefined,
    );
    const artifactUrlKey = parsed('ARTIFACT_URL_SECRET', parseArtifactUrlSecret, undefined);
    this.artifactUrlKeyGenerated = artifactUrlKey === undefined;
    this.artifactUrlKey = artifactUrlKey ?? randomBytes(32);
    this.artifactUrlTtlSeconds = read.int('ARTIFACT_URL_TTL_SECONDS', 3_600, 60, 7 * 24 * 3_600);
    this.webhookTimeoutMs = read.int('WEBHOOK_TIMEOUT_MS', 5_000, 100, 60_000);
    this.webhookRetryDelaysMs = parsed(
      'WEBHOOK_RETRY_DELAYS_MS',
      parseRetryDelays,
      DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    );
    this.webhookConcurrency = read.int('WEBHOOK_CONCURRENCY', 16, 1, 1_000);
    this.webhookConcurrencyPerOrigin = read.int('WEBHOOK_CONCURRENCY_PER_ORIGIN', 2, 1, 1_000);
    this.webhookConcurrencyPerOwner = read.int('WEBHOOK_CONCURRENCY_PER_OWNER', 4, 1, 1_000);
    this.webhookPollIntervalMs = read.int('WEBHOOK_POLL_INTERVAL_MS', 250, 10, 60_000);
    this.sseKeepAliveMs = read.int('SSE_KEEPALIVE_MS', 15_000, 10, 300_000);
    this.ssePollIntervalMs = read.int('SSE_POLL_INTERVAL_MS', 2_000, 10, 60_000);
    this.sseMaxStreamsPerKey = read.int('SSE_MAX_STREAMS_PER_KEY', 20, 0, 1_000_000);
    this.sseMaxStreamSeconds = read.int('SSE_MAX_STREAM_SECONDS', 900, 1, 86_400);
    this.retentionDays = read.int('RETENTION_DAYS', 30, 0, 36_500);
    this.retentionIntervalMs = read.int(
      'RETENTION_INTERVAL_MS',
      3_600_000,
      1_000,
      7 * 24 * 3_600_000,
    );
    try {
      read.throwIfInvalid();
    } catch (error) {
      throw error instanceof ConfigError
        ? new ConfigError([...error.problems, ...problems])
        : error;
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }

  get runsApi(): boolean {
    return this.role !== 'worker';
  }

  get runsWorker(): boolean {
    return this.role !== 'api';
  }
}

export { ConfigError };
