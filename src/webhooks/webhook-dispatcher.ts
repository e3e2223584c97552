import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { nextRetryDelayMs } from './webhook-backoff';
import {
  AttemptOutcome,
  ClaimedDelivery,
  WebhookDeliveriesRepository,
} from './webhook-deliveries.repository';
import { DeliveryStatus } from './webhook-delivery.entity';
import { SendResult, WebhookSender } from './webhook-sender';

/** A claimed delivery stays this worker's for the request timeout plus this margin. */
const LEASE_MARGIN_MS = 30_000;
/** A failing database is reported once per this interval, not once per tick. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Runs in worker processes: sends the due deliveries, at most `WEBHOOK_CONCURRENCY` at a
 * time per process, of which at most `WEBHOOK_CONCURRENCY_PER_ORIGIN` to one receiver and
 * `WEBHOOK_CONCURRENCY_PER_OWNER` for one owner, taking owners in turn. The pipeline's own
 * statements queue them (an outbox, see `JobsRepository`); this polls for due ones every
 * `WEBHOOK_POLL_INTERVAL_MS` and after each attempt, outside any pipeline statement, so a
 * slow, failing or hanging receiver only ever delays its own deliveries.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly inFlightByOwner = new Map<string, number>();
  private readonly inFlightByOrigin = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private tickAgain = false;
  private stopped = true;
  private lastErrorLogAt = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    if (this.config.webhookKey === undefined) {
      // Deliveries queued by jobs accepted elsewhere wait for a worker that can sign them.
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

  /** Stops taking work and lets the requests in flight finish (each is bounded by its timeout). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs a tick now, or right after the current one: wake-ups never pile up. */
  wake(): void {
    if (this.stopped) return;
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

  private async tick(): Promise<void> {
    try {
      await this.sendDue();
    } catch (error) {
      if (Date.now() - this.lastErrorLogAt > ERROR_LOG_INTERVAL_MS) {
        this.lastErrorLogAt = Date.now();
        this.logger.warn({ msg: 'Webhook dispatch failed; retrying', err: String(error) });
      }
    }
  }

  private async sendDue(): Promise<void> {
    const free = this.config.webhookConcurrency - this.inFlight.size;
    if (free <= 0 || this.stopped) return;
    const claimed = await this.deliveries.claimDue(
      free,
      this.config.webhookTimeoutMs + LEASE_MARGIN_MS,
      {
        inFlightByOwner: this.inFlightByOwner,
        inFlightByOrigin: this.inFlightByOrigin,
        perOwner: this.config.webhookConcurrencyPerOwner,
        perOrigin: this.config.webhookConcurrencyPerOrigin,
      },
    );
    for (const delivery of claimed) {
      adjust(this.inFlightByOwner, delivery.owner, 1);
      adjust(this.inFlightByOrigin, delivery.origin, 1);
      const attempt = this.attempt(delivery).finally(() => {
        this.inFlight.delete(attempt);
        adjust(this.inFlightByOwner, delivery.owner, -1);
        adjust(this.inFlightByOrigin, delivery.origin, -1);
        this.wake(); // a slot is free: more may be due
      });
      this.inFlight.add(attempt);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const result = await this.sender.send(delivery.id, delivery.url, delivery.payload);
    const outcome = this.outcomeOf(delivery, result);
    try {
      await this.deliveries.recordAttempt(delivery.id, delivery.attempts, outcome);
    } catch (error) {
      // The lease runs out and another attempt is made: at-least-once, as the spec allows.
      this.logger.warn({
        msg: 'Could not record a webhook attempt',
        delivery_id: delivery.id,
        err: String(error),
      });
      return;
    }
    this.metrics.webhookDeliveries.inc({ outcome: metricOutcome(outcome.status) });
    if (outcome.status === DeliveryStatus.Pending) {
      // Retries sooner than the next poll still happen on time.
      if (outcome.retryInMs < this.config.webhookPollIntervalMs)
        setTimeout(() => this.wake(), outcome.retryInMs + 5).unref();
    }
    if (outcome.status !== DeliveryStatus.Delivered) {
      this.logger.warn({
        msg:
          outcome.status === DeliveryStatus.Failed
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

  private outcomeOf(delivery: ClaimedDelivery, result: SendResult): AttemptOutcome {
    if (result.ok) return { status: DeliveryStatus.Delivered, statusCode: result.statusCode };
    const retryInMs = result.permanent
      ? undefined
      : nextRetryDelayMs(delivery.attempts, this.config.webhookRetryDelaysMs, result.retryAfterMs);
    if (retryInMs === undefined) {
      const why = !result.permanent
        ? `gave up after ${delivery.attempts} attempts`
        : result.statusCode === 410
          ? 'the receiver wants no more deliveries'
          : 'a retry cannot help';
      return {
        status: DeliveryStatus.Failed,
        statusCode: result.statusCode,
        error: `${result.error} (${why})`,
      };
    }
    return {
      status: DeliveryStatus.Pending,
      statusCode: result.statusCode,
      error: result.error,
      retryInMs,
    };
  }
}

/** Counts up or down; a count back at zero leaves the map. */
function adjust(counts: Map<string, number>, key: string, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

function metricOutcome(status: DeliveryStatus): string {
  if (status === DeliveryStatus.Delivered) return 'delivered';
  return status === DeliveryStatus.Failed ? 'failed' : 'retrying';
}
