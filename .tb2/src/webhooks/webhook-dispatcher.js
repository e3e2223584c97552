"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var WebhookDispatcher_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookDispatcher = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const metrics_1 = require("../observability/metrics");
const webhook_backoff_1 = require("./webhook-backoff");
const webhook_deliveries_repository_1 = require("./webhook-deliveries.repository");
const webhook_delivery_entity_1 = require("./webhook-delivery.entity");
const webhook_sender_1 = require("./webhook-sender");
const LEASE_MARGIN_MS = 30_000;
const ERROR_LOG_INTERVAL_MS = 30_000;
let WebhookDispatcher = WebhookDispatcher_1 = class WebhookDispatcher {
    config;
    deliveries;
    sender;
    metrics;
    logger = new common_1.Logger(WebhookDispatcher_1.name);
    inFlight = new Set();
    inFlightByOwner = new Map();
    inFlightByOrigin = new Map();
    timer;
    ticking;
    tickAgain = false;
    stopped = true;
    lastErrorLogAt = 0;
    constructor(config, deliveries, sender, metrics) {
        this.config = config;
        this.deliveries = deliveries;
        this.sender = sender;
        this.metrics = metrics;
    }
    onApplicationBootstrap() {
        if (!this.config.runsWorker)
            return;
        if (this.config.webhookKey === undefined) {
            this.logger.warn({
                msg: 'WEBHOOK_SECRET is not set: this worker sends no webhooks, and create-track refuses webhook_url. Set WEBHOOK_SECRET=whsec_<base64 of 24-64 random bytes>.',
            });
            return;
        }
        this.stopped = false;
        this.timer = setInterval(() => this.wake(), this.config.webhookPollIntervalMs);
        this.timer.unref();
        this.wake();
    }
    async beforeApplicationShutdown() {
        this.stopped = true;
        clearInterval(this.timer);
        await this.ticking;
        await Promise.allSettled([...this.inFlight]);
    }
    wake() {
        if (this.stopped)
            return;
        if (this.ticking) {
            this.tickAgain = true;
            return;
        }
        this.ticking = this.tick().finally(() => {
            this.ticking = undefined;
            if (this.tickAgain) {
                this.tickAgain = false;
                this.wake();
            }
        });
    }
    async tick() {
        try {
            await this.sendDue();
        }
        catch (error) {
            if (Date.now() - this.lastErrorLogAt > ERROR_LOG_INTERVAL_MS) {
                this.lastErrorLogAt = Date.now();
                this.logger.warn({ msg: 'Webhook dispatch failed; retrying', err: String(error) });
            }
        }
    }
    async sendDue() {
        const free = this.config.webhookConcurrency - this.inFlight.size;
        if (free <= 0 || this.stopped)
            return;
        const claimed = await this.deliveries.claimDue(free, this.config.webhookTimeoutMs + LEASE_MARGIN_MS, {
            inFlightByOwner: this.inFlightByOwner,
            inFlightByOrigin: this.inFlightByOrigin,
            perOwner: this.config.webhookConcurrencyPerOwner,
            perOrigin: this.config.webhookConcurrencyPerOrigin,
        });
        for (const delivery of claimed) {
            adjust(this.inFlightByOwner, delivery.owner, 1);
            adjust(this.inFlightByOrigin, delivery.origin, 1);
            const attempt = this.attempt(delivery).finally(() => {
                this.inFlight.delete(attempt);
                adjust(this.inFlightByOwner, delivery.owner, -1);
                adjust(this.inFlightByOrigin, delivery.origin, -1);
                this.wake();
            });
            this.inFlight.add(attempt);
        }
    }
    async attempt(delivery) {
        const result = await this.sender.send(delivery.id, delivery.url, delivery.payload);
        const outcome = this.outcomeOf(delivery, result);
        try {
            await this.deliveries.recordAttempt(delivery.id, delivery.attempts, outcome);
        }
        catch (error) {
            this.logger.warn({
                msg: 'Could not record a webhook attempt',
                delivery_id: delivery.id,
                err: String(error),
            });
            return;
        }
        this.metrics.webhookDeliveries.inc({ outcome: metricOutcome(outcome.status) });
        if (outcome.status === webhook_delivery_entity_1.DeliveryStatus.Pending) {
            if (outcome.retryInMs < this.config.webhookPollIntervalMs)
                setTimeout(() => this.wake(), outcome.retryInMs + 5).unref();
        }
        if (outcome.status !== webhook_delivery_entity_1.DeliveryStatus.Delivered) {
            this.logger.warn({
                msg: outcome.status === webhook_delivery_entity_1.DeliveryStatus.Failed
                    ? 'Webhook delivery failed for good'
                    : 'Webhook delivery failed; will retry',
                job_id: delivery.job_id,
                delivery_id: delivery.id,
                attempt: delivery.attempts,
                status_code: outcome.statusCode,
                error: outcome.error,
                ...(result.ok || result.body === undefined ? {} : { body: result.body }),
            });
        }
    }
    outcomeOf(delivery, result) {
        if (result.ok)
            return { status: webhook_delivery_entity_1.DeliveryStatus.Delivered, statusCode: result.statusCode };
        const retryInMs = result.permanent
            ? undefined
            : (0, webhook_backoff_1.nextRetryDelayMs)(delivery.attempts, this.config.webhookRetryDelaysMs, result.retryAfterMs);
        if (retryInMs === undefined) {
            const why = !result.permanent
                ? `gave up after ${delivery.attempts} attempts`
                : result.statusCode === 410
                    ? 'the receiver wants no more deliveries'
                    : 'a retry cannot help';
            return {
                status: webhook_delivery_entity_1.DeliveryStatus.Failed,
                statusCode: result.statusCode,
                error: `${result.error} (${why})`,
            };
        }
        return {
            status: webhook_delivery_entity_1.DeliveryStatus.Pending,
            statusCode: result.statusCode,
            error: result.error,
            retryInMs,
        };
    }
};
exports.WebhookDispatcher = WebhookDispatcher;
exports.WebhookDispatcher = WebhookDispatcher = WebhookDispatcher_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        webhook_deliveries_repository_1.WebhookDeliveriesRepository,
        webhook_sender_1.WebhookSender,
        metrics_1.Metrics])
], WebhookDispatcher);
function adjust(counts, key, by) {
    const count = (counts.get(key) ?? 0) + by;
    if (count > 0)
        counts.set(key, count);
    else
        counts.delete(key);
}
function metricOutcome(status) {
    if (status === webhook_delivery_entity_1.DeliveryStatus.Delivered)
        return 'delivered';
    return status === webhook_delivery_entity_1.DeliveryStatus.Failed ? 'failed' : 'retrying';
}
//# sourceMappingURL=webhook-dispatcher.js.map