"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = exports.AppConfig = void 0;
const node_os_1 = require("node:os");
const node_crypto_1 = require("node:crypto");
const node_path_1 = require("node:path");
const allowed_hosts_1 = require("../http/allowed-hosts");
const outbound_allowlist_1 = require("../outbound/outbound-allowlist");
const webhook_backoff_1 = require("../webhooks/webhook-backoff");
const artifact_link_signature_1 = require("../artifacts/artifact-link-signature");
const webhook_credentials_1 = require("../webhooks/webhook-credentials");
const webhook_signer_1 = require("../webhooks/webhook-signer");
const steps_1 = require("../pipeline/steps");
const env_reader_1 = require("./env-reader");
Object.defineProperty(exports, "ConfigError", { enumerable: true, get: function () { return env_reader_1.ConfigError; } });
class AppConfig {
    role;
    port;
    host;
    databaseUrl;
    dbPoolSize;
    redisUrl;
    redisTlsCa;
    queuePrefix;
    workerConcurrency;
    serviceUrls;
    stepPolicies;
    stepConcurrency;
    maxBacklogPerOwner;
    referenceTrackMaxBytes;
    referenceTrackTimeoutMs;
    artifactsDir;
    embeddedRenderThreads;
    embeddedTrackSeconds;
    publicBaseUrl;
    artifactBaseUrl;
    artifactUrlKey;
    artifactUrlKeyGenerated;
    artifactUrlTtlSeconds;
    jobDeadlineMs;
    reconcileIntervalMs;
    shutdownGraceMs;
    stalledIntervalMs;
    lockDurationMs;
    logLevel;
    logFormat;
    createRateLimitPerMinute;
    requestTimeoutMs;
    maxConnectionsPerClient;
    corsOrigins;
    allowedHosts;
    outboundUrlAllowlist;
    webhookKey;
    webhookCredentialsKey;
    webhookTimeoutMs;
    webhookRetryDelaysMs;
    webhookConcurrency;
    webhookConcurrencyPerOrigin;
    webhookConcurrencyPerOwner;
    webhookPollIntervalMs;
    sseKeepAliveMs;
    ssePollIntervalMs;
    sseMaxStreamsPerKey;
    sseMaxStreamSeconds;
    retentionDays;
    retentionIntervalMs;
    constructor(env = process.env, stdoutIsTerminal = process.stdout.isTTY === true) {
        const read = new env_reader_1.EnvReader(env);
        this.role = read.oneOf('APP_ROLE', ['api', 'worker', 'all'], 'all');
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
        const serviceUrls = {};
        const policies = {};
        const concurrency = {};
        for (const step of steps_1.STEPS) {
            const prefix = step.envPrefix;
            if (step.service) {
                const url = step.service.embeddedPath
                    ? read.optionalUrl(`${prefix}_URL`, ['http:', 'https:'])
                    : read.requiredUrl(`${prefix}_URL`, ['http:', 'https:'], `${step.name} has no embedded service`);
                if (url !== undefined)
                    serviceUrls[step.name] = url;
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
        this.stepPolicies = policies;
        this.stepConcurrency = concurrency;
        this.maxBacklogPerOwner = read.int('MAX_BACKLOG_PER_OWNER', 1_000, 1, 100_000_000);
        this.referenceTrackMaxBytes = read.int('REFERENCE_TRACK_MAX_BYTES', 50 * 1024 * 1024, 1, 2 ** 31);
        this.referenceTrackTimeoutMs = read.int('REFERENCE_TRACK_TIMEOUT_MS', 30_000, 1, 3_600_000);
        this.artifactsDir = (0, node_path_1.resolve)(read.string('ARTIFACTS_DIR', '.artifacts'));
        this.embeddedRenderThreads = read.int('EMBEDDED_RENDER_THREADS', Math.max(1, (0, node_os_1.availableParallelism)() - 1), 1, 256);
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
        this.logLevel = read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info');
        const logFormat = read.oneOf('LOG_FORMAT', ['auto', 'json', 'pretty'], 'auto');
        this.logFormat = logFormat === 'auto' ? (stdoutIsTerminal ? 'pretty' : 'json') : logFormat;
        this.createRateLimitPerMinute = read.int('RATE_LIMIT_CREATE_PER_MINUTE', 600, 0, 1_000_000);
        this.requestTimeoutMs = read.int('REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000);
        this.maxConnectionsPerClient = read.int('MAX_CONNECTIONS_PER_CLIENT', 256, 0, 1_000_000);
        this.corsOrigins = read.originList('CORS_ORIGINS');
        const problems = [];
        const parsed = (name, parse, fallback) => {
            const raw = env[name]?.trim();
            if (!raw)
                return fallback;
            try {
                return parse(raw);
            }
            catch (error) {
                problems.push(`${name}: ${error.message}`);
                return fallback;
            }
        };
        if (this.redisTlsCa && !this.redisUrl.toLowerCase().startsWith('rediss:'))
            problems.push('REDIS_TLS_CA_FILE: only used with a rediss: REDIS_URL, which this is not');
        this.outboundUrlAllowlist = parsed('OUTBOUND_URL_ALLOWLIST', outbound_allowlist_1.parseOutboundAllowlist, outbound_allowlist_1.OutboundAllowlist.empty);
        this.allowedHosts = allowed_hosts_1.HostAllowList.forServer({
            listenHost: this.host,
            publicBaseUrl: this.publicBaseUrl,
            allowedHosts: parsed('ALLOWED_HOSTS', allowed_hosts_1.parseAllowedHosts, []),
        });
        this.webhookKey = parsed('WEBHOOK_SECRET', webhook_signer_1.parseWebhookSecret, undefined);
        this.webhookCredentialsKey = parsed('WEBHOOK_CREDENTIALS_KEY', webhook_credentials_1.parseWebhookCredentialsKey, undefined);
        const artifactUrlKey = parsed('ARTIFACT_URL_SECRET', artifact_link_signature_1.parseArtifactUrlSecret, undefined);
        this.artifactUrlKeyGenerated = artifactUrlKey === undefined;
        this.artifactUrlKey = artifactUrlKey ?? (0, node_crypto_1.randomBytes)(32);
        this.artifactUrlTtlSeconds = read.int('ARTIFACT_URL_TTL_SECONDS', 3_600, 60, 7 * 24 * 3_600);
        this.webhookTimeoutMs = read.int('WEBHOOK_TIMEOUT_MS', 5_000, 100, 60_000);
        this.webhookRetryDelaysMs = parsed('WEBHOOK_RETRY_DELAYS_MS', webhook_backoff_1.parseRetryDelays, webhook_backoff_1.DEFAULT_WEBHOOK_RETRY_DELAYS_MS);
        this.webhookConcurrency = read.int('WEBHOOK_CONCURRENCY', 16, 1, 1_000);
        this.webhookConcurrencyPerOrigin = read.int('WEBHOOK_CONCURRENCY_PER_ORIGIN', 2, 1, 1_000);
        this.webhookConcurrencyPerOwner = read.int('WEBHOOK_CONCURRENCY_PER_OWNER', 4, 1, 1_000);
        this.webhookPollIntervalMs = read.int('WEBHOOK_POLL_INTERVAL_MS', 250, 10, 60_000);
        this.sseKeepAliveMs = read.int('SSE_KEEPALIVE_MS', 15_000, 10, 300_000);
        this.ssePollIntervalMs = read.int('SSE_POLL_INTERVAL_MS', 2_000, 10, 60_000);
        this.sseMaxStreamsPerKey = read.int('SSE_MAX_STREAMS_PER_KEY', 20, 0, 1_000_000);
        this.sseMaxStreamSeconds = read.int('SSE_MAX_STREAM_SECONDS', 900, 1, 86_400);
        this.retentionDays = read.int('RETENTION_DAYS', 30, 0, 36_500);
        this.retentionIntervalMs = read.int('RETENTION_INTERVAL_MS', 3_600_000, 1_000, 7 * 24 * 3_600_000);
        try {
            read.throwIfInvalid();
        }
        catch (error) {
            throw error instanceof env_reader_1.ConfigError
                ? new env_reader_1.ConfigError([...error.problems, ...problems])
                : error;
        }
        if (problems.length > 0)
            throw new env_reader_1.ConfigError(problems);
    }
    get runsApi() {
        return this.role !== 'worker';
    }
    get runsWorker() {
        return this.role !== 'api';
    }
}
exports.AppConfig = AppConfig;
//# sourceMappingURL=app-config.js.map