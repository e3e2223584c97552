"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ServiceCapacity_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ServiceCapacity = exports.ADAPTIVE_CEILING = exports.MIN_LATENCY_RISE_MS = exports.LATENCY_FACTOR = exports.PROBE_ROUNDS = exports.PICKUP_TTL_MS = exports.SWEEP_INTERVAL_MS = exports.LEASE_TTL_MS = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../../config/app-config");
const prepared_sql_1 = require("../../database/prepared-sql");
const job_priority_1 = require("../../jobs/job-priority");
const metrics_1 = require("../../observability/metrics");
const redis_connection_1 = require("../../redis/redis-connection");
const pipeline_producer_1 = require("../pipeline.producer");
const steps_1 = require("../steps");
const scripts = __importStar(require("./capacity-scripts"));
const local_slots_1 = require("./local-slots");
exports.LEASE_TTL_MS = 10_000;
exports.SWEEP_INTERVAL_MS = 1_000;
exports.PICKUP_TTL_MS = 60_000;
exports.PROBE_ROUNDS = 10;
exports.LATENCY_FACTOR = 3;
exports.MIN_LATENCY_RISE_MS = 500;
exports.ADAPTIVE_CEILING = 256;
const REBUILD_WAIT_MS = 250;
const REBUILD_LOCK_MS = 15_000;
const REBUILD_SETTLED_MS = 2_000;
const GAUGE_READY_WAIT_MS = 2_000;
class Line {
    service;
    concurrency;
    keys;
    args;
    constructor(service, concurrency, prefix) {
        this.service = service;
        this.concurrency = concurrency;
        const base = `${prefix}:cap:${service}`;
        this.keys = [...scripts.CAPACITY_KEYS.map((key) => `${base}:${key}`), `${prefix}:cap:ready`];
        const ceiling = concurrency.kind === 'fixed' ? concurrency.limit : exports.ADAPTIVE_CEILING;
        this.args = [`${base}:line:`, String(ceiling), concurrency.kind, String(exports.PICKUP_TTL_MS)];
    }
}
let ServiceCapacity = ServiceCapacity_1 = class ServiceCapacity {
    config;
    sql;
    producer;
    metrics;
    logger = new common_1.Logger(ServiceCapacity_1.name);
    lines = new Map();
    local = new Map();
    held = new Map();
    redis;
    timer;
    sweeping;
    constructor(config, sql, producer, metrics) {
        this.config = config;
        this.sql = sql;
        this.producer = producer;
        this.metrics = metrics;
        for (const step of steps_1.STEP_LIST) {
            if (!step.service)
                continue;
            const concurrency = config.stepConcurrency[step.name];
            const service = step.service.name;
            if (concurrency.kind === 'unlimited')
                continue;
            if (config.serviceUrls[step.name] === undefined) {
                if (concurrency.kind === 'fixed')
                    this.local.set(service, new local_slots_1.LocalSlots(concurrency.limit));
                continue;
            }
            this.lines.set(service, new Line(service, concurrency, config.queuePrefix));
            this.held.set(service, new Set());
        }
        metrics.watchServiceLines(() => this.gauges());
    }
    onApplicationBootstrap() {
        if (this.lines.size === 0)
            return;
        this.client();
        if (!this.config.runsWorker)
            return;
        this.timer = setInterval(() => {
            this.sweeping ??= this.sweep()
                .catch((error) => this.logger.warn({ msg: 'Service line sweep failed', err: String(error) }))
                .finally(() => (this.sweeping = undefined));
        }, exports.SWEEP_INTERVAL_MS);
        this.timer.unref();
    }
    async onModuleDestroy() {
        clearInterval(this.timer);
        await this.sweeping;
        await this.redis?.quit().catch(() => undefined);
    }
    hasLine(step) {
        return step.service !== undefined && this.lines.has(step.service.name);
    }
    localSlots(step) {
        return step.service ? this.local.get(step.service.name) : undefined;
    }
    async acquire(step, jobId, owner, priority) {
        const line = this.lineOf(step);
        const reply = await this.run(line, scripts.ACQUIRE, [
            jobId,
            owner,
            String(job_priority_1.PRIORITY_RANK[priority]),
            String(exports.LEASE_TTL_MS),
        ]);
        if (reply[0] === 'granted') {
            this.held.get(line.service)?.add(jobId);
            const waitedMs = Number(reply[1]);
            if (waitedMs > 0)
                this.metrics.serviceWait.observe({ service: line.service }, waitedMs / 1000);
            this.dispatch(reply.slice(2));
            return { kind: 'granted', waitedMs };
        }
        this.dispatch(reply.slice(4));
        return { kind: 'queued', ...standing(reply.slice(1, 4)) };
    }
    async park(step, jobId) {
        const line = this.lineOf(step);
        const reply = await this.run(line, scripts.PARK, [jobId, String(exports.LEASE_TTL_MS)]);
        if (reply === 'granted')
            this.held.get(line.service)?.add(jobId);
        return reply;
    }
    async release(step, jobId, outcome, latencyMs, retryAfterMs = 0) {
        const line = this.lineOf(step);
        this.held.get(line.service)?.delete(jobId);
        if (outcome === 'rejected')
            this.metrics.serviceRejected.inc({ service: line.service });
        const [others, ...handed] = await this.run(line, scripts.RELEASE, [
            jobId,
            outcome,
            String(Math.max(1, Math.round(latencyMs))),
            String(Math.max(0, Math.round(retryAfterMs))),
            String(exports.PROBE_ROUNDS),
            String(exports.LATENCY_FACTOR),
            String(exports.MIN_LATENCY_RISE_MS),
        ]);
        this.dispatch(handed);
        return Number(others);
    }
    async leave(jobId) {
        for (const line of this.lines.values()) {
            this.held.get(line.service)?.delete(jobId);
            this.dispatch(await this.run(line, scripts.LEAVE, [jobId], false));
        }
    }
    async standing(step, jobId) {
        const definition = steps_1.STEP_LIST.find((s) => s.name === step);
        if (!definition || !this.hasLine(definition))
            return null;
        const reply = await this.run(this.lineOf(definition), scripts.STANDING, [jobId], false);
        return reply ? standing(reply) : null;
    }
    async estimatedWaitSeconds(jobs) {
        let seconds = 0;
        for (const line of this.lines.values()) {
            const [, limit, avgMs] = await this.run(line, scripts.GAUGES, [], false);
            seconds = Math.max(seconds, Math.ceil(jobs / Math.max(1, limit)) * (avgMs / 1000));
        }
        return Math.round(seconds);
    }
    async isWaiting(step, jobId) {
        const definition = steps_1.STEP_LIST.find((s) => s.name === step);
        if (!definition || !this.hasLine(definition))
            return false;
        const line = this.lineOf(definition);
        const client = this.client();
        if (!(await client.exists(line.keys[7])))
            await this.rebuild();
        return (await client.hexists(line.keys[2], jobId)) === 1;
    }
    async sweep() {
        for (const line of this.lines.values()) {
            const held = [...(this.held.get(line.service) ?? [])];
            if (held.length > 0)
                await this.run(line, scripts.RENEW, [String(exports.LEASE_TTL_MS), ...held], false);
            this.dispatch(await this.run(line, scripts.SWEEP, [], false));
        }
    }
    lineOf(step) {
        const line = step.service && this.lines.get(step.service.name);
        if (!line)
            throw new Error(`step ${step.name} has no service line`);
        return line;
    }
    dispatch(jobIds) {
        for (const jobId of jobIds)
            void this.producer.enqueueHandedSlot(jobId);
    }
    async run(line, script, args, rebuilds = true) {
        const client = this.client();
        for (;;) {
            const reply = (await client.eval(script, line.keys.length, ...line.keys, ...line.args, ...args));
            const unbuilt = reply === 'rebuild' || (Array.isArray(reply) && reply[0] === 'rebuild');
            if (!unbuilt || !rebuilds)
                return reply;
            await this.rebuild();
        }
    }
    async rebuild() {
        const client = this.client();
        const prefix = this.config.queuePrefix;
        const lock = `${prefix}:cap:rebuilding`;
        if ((await client.set(lock, '1', 'PX', REBUILD_LOCK_MS, 'NX')) !== 'OK') {
            await new Promise((resolve) => setTimeout(resolve, REBUILD_WAIT_MS));
            return;
        }
        try {
            if (await client.exists(`${prefix}:cap:ready`))
                return;
            const steps = steps_1.STEP_LIST.filter((step) => this.hasLine(step)).map((step) => step.name);
            const rows = await this.sql.planned(`SELECT s.job_id, s.step, s.status, j.owner, j.priority,
                (extract(epoch FROM COALESCE(j.queued_at, now())) * 1000)::bigint AS joined_ms
           FROM job_steps s JOIN jobs j ON j.id = s.job_id
          WHERE j.status = 'PROCESSING' AND s.step = ANY($1::text[])
            AND (s.status = 'RUNNING'
                 OR (s.status = 'QUEUED'
                     AND j.updated_at < now() - make_interval(secs => $2::float8 / 1000)))
          ORDER BY j.queued_at NULLS FIRST, j.id`, [steps, REBUILD_SETTLED_MS]);
            for (const step of steps_1.STEP_LIST.filter((s) => this.hasLine(s))) {
                const mine = rows.filter((row) => row.step === step.name);
                const running = mine.filter((row) => row.status === 'RUNNING').map((row) => row.job_id);
                const queued = mine
                    .filter((row) => row.status === 'QUEUED')
                    .flatMap((row) => [
                    row.job_id,
                    row.owner,
                    String(job_priority_1.PRIORITY_RANK[row.priority]),
                    String(row.joined_ms),
                ]);
                await this.run(this.lineOf(step), scripts.REBUILD, [String(exports.LEASE_TTL_MS), String(running.length), ...running, ...queued], false);
            }
            await client.set(`${prefix}:cap:ready`, String(Date.now()));
            this.logger.warn({
                msg: 'Service lines rebuilt from PostgreSQL',
                running: rows.filter((row) => row.status === 'RUNNING').length,
                queued: rows.filter((row) => row.status === 'QUEUED').length,
            });
        }
        finally {
            await client.del(lock);
        }
    }
    async gauges() {
        if (this.lines.size === 0 || !(await this.ready(GAUGE_READY_WAIT_MS)))
            return [];
        const out = [];
        for (const line of this.lines.values()) {
            const [inFlight, limit, , waiting] = await this.run(line, scripts.GAUGES, [], false);
            out.push({ service: line.service, inFlight, limit, waiting });
        }
        return out;
    }
    async ready(ms) {
        const client = this.client();
        if (client.status === 'ready')
            return true;
        let timer;
        let onReady;
        const connected = await Promise.race([
            new Promise((resolve) => {
                onReady = () => resolve(true);
                client.once('ready', onReady);
            }),
            new Promise((resolve) => {
                timer = setTimeout(() => resolve(false), ms);
            }),
        ]);
        clearTimeout(timer);
        if (onReady)
            client.off('ready', onReady);
        return connected;
    }
    client() {
        if (!this.redis) {
            this.redis = (0, redis_connection_1.createRedisClient)(this.config, { maxRetriesPerRequest: 1 });
            this.redis.on('error', () => undefined);
        }
        return this.redis;
    }
};
exports.ServiceCapacity = ServiceCapacity;
exports.ServiceCapacity = ServiceCapacity = ServiceCapacity_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        prepared_sql_1.PreparedSql,
        pipeline_producer_1.PipelineProducer,
        metrics_1.Metrics])
], ServiceCapacity);
function standing([position, limit, avgMs]) {
    const p = Number(position);
    const rounds = Math.ceil(p / Math.max(1, Number(limit)));
    return { position: p, etaSeconds: Math.round((rounds * Number(avgMs)) / 1000) };
}
//# sourceMappingURL=service-capacity.js.map