import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DeliveryStatus } from './webhook-delivery.entity';

/** The body of a delivery as stored: `{type, timestamp, data: {job_id, ...event data}}`. */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** A delivery claimed for one attempt; `attempts` already counts it. */
export interface ClaimedDelivery {
  id: string;
  job_id: string;
  event_type: string;
  url: string;
  payload: WebhookPayload;
  attempts: number;
  /** The job's owner (its API key's name). */
  owner: string;
  /** The receiver's scheme, host and port, as `ORIGIN_OF_URL` reads it. */
  origin: string;
}

/** What this worker already has in flight, and the caps a claim must keep to. */
export interface ClaimSlots {
  inFlightByOwner: ReadonlyMap<string, number>;
  inFlightByOrigin: ReadonlyMap<string, number>;
  perOwner: number;
  perOrigin: number;
}

/** How many of the oldest due deliveries one claim chooses from. */
const CLAIM_SCAN = 1_000;

/**
 * A delivery URL's origin: scheme, host and port, lowercased, without credentials and
 * without the scheme's default port (`http://h:80/x` and `HTTP://u:p@h/y` are `http://h`).
 */
const ORIGIN_OF_URL = `regexp_replace(
           regexp_replace(lower(substring(d.url from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*')),
                          '^([a-z0-9+.-]+://).*@', '\\1'),
           '^(http://[^/]*):80$|^(https://[^/]*):443$', '\\1\\2')`;

export interface DeliveryRecord {
  id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

export type AttemptOutcome =
  | { status: DeliveryStatus.Delivered; statusCode: number }
  | { status: DeliveryStatus.Pending; statusCode?: number; error: string; retryInMs: number }
  | { status: DeliveryStatus.Failed; statusCode?: number; error: string };

@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes up to `limit` due deliveries for one attempt each, fairly across owners and
   * receivers: an origin (scheme, host, port) or an owner whose in-flight count here has
   * reached its cap is passed over, at most the free slots of each are taken, and the
   * owners' oldest deliveries come first in turn (each owner's first, then each one's
   * second, ...), so one owner's backlog or hanging receiver never holds everyone's slots.
   * The turns are drawn from the `CLAIM_SCAN` oldest due deliveries that could be taken.
   * SKIP LOCKED keeps two workers from taking the same row; the lease (pushing
   * `next_attempt_at` out) keeps it theirs while the request is in flight outside any
   * transaction, and hands it to another worker if this one dies.
   */
  async claimDue(limit: number, leaseMs: number, slots: ClaimSlots): Promise<ClaimedDelivery[]> {
    return this.db.query(
      `WITH candidates AS (
         SELECT d.id, d.next_attempt_at, j.owner, ${ORIGIN_OF_URL} AS origin
           FROM webhook_deliveries d JOIN jobs j ON j.id = d.job_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
            AND coalesce(($3::jsonb ->> j.owner)::int, 0) < $5
            AND coalesce(($4::jsonb ->> ${ORIGIN_OF_URL})::int, 0) < $6
          ORDER BY d.next_attempt_at LIMIT ${CLAIM_SCAN}),
       ranked AS (
         SELECT id, next_attempt_at, owner, origin,
                row_number() OVER (PARTITION BY owner ORDER BY next_attempt_at, id)
                  + coalesce(($3::jsonb ->> owner)::int, 0) AS owner_turn,
                row_number() OVER (PARTITION BY origin ORDER BY next_attempt_at, id)
                  + coalesce(($4::jsonb ->> origin)::int, 0) AS origin_turn
           FROM candidates),
       due AS (
         SELECT d.id, r.owner, r.origin
           FROM webhook_deliveries d JOIN ranked r ON r.id = d.id
          WHERE r.owner_turn <= $5 AND r.origin_turn <= $6
            AND d.status = 'PENDING' AND d.next_attempt_at <= now()
          ORDER BY r.owner_turn, r.next_attempt_at, r.id LIMIT $1
          FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d
            SET attempts = d.attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.job_id, d.event_type, d.url, d.payload, d.attempts, due.owner,
                   due.origin)
       SELECT * FROM claimed`,
      [
        limit,
        leaseMs,
        JSON.stringify(Object.fromEntries(slots.inFlightByOwner)),
        JSON.stringify(Object.fromEntries(slots.inFlightByOrigin)),
        slots.perOwner,
        slots.perOrigin,
      ],
    );
  }

  /**
   * Records how attempt number `attempt` went. A no-op when the lease was lost and another
   * worker has attempted since.
   */
  async recordAttempt(id: string, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH recorded AS (
         UPDATE webhook_deliveries
            SET status = $3::delivery_status, last_status_code = $4, last_error = $5,
                delivered_at = CASE WHEN $3 = 'DELIVERED' THEN now() END,
                next_attempt_at = CASE WHEN $3 = 'PENDING'
                                       THEN now() + make_interval(secs => $6::float8 / 1000)
                                       ELSE next_attempt_at END
          WHERE id = $1 AND attempts = $2 AND status = 'PENDING'
         RETURNING id)
       SELECT id FROM recorded`,
      [
        id,
        attempt,
        outcome.status,
        outcome.statusCode ?? null,
        outcome.status === DeliveryStatus.Delivered ? null : outcome.error,
        outcome.status === DeliveryStatus.Pending ? outcome.retryInMs : 0,
      ],
    );
    return rows.length === 1;
  }

  /** A job's webhook settings, if the job exists for this owner (undefined owner: any). */
  async findJobWebhook(
    jobId: string,
    owner?: string,
  ): Promise<{ webhook_url: string | null; webhook_events: string[] | null } | undefined> {
    const rows: { webhook_url: string | null; webhook_events: string[] | null }[] =
      await this.db.query(
        `SELECT webhook_url, webhook_events FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`,
        [jobId, owner ?? null],
      );
    return rows[0];
  }

  /** A job's deliveries in event order (served by the (job_id, created_at) index). */
  async listForJob(jobId: string, limit: number): Promise<DeliveryRecord[]> {
    return this.db.query(
      `SELECT id, event_id::text AS event_id, event_type, status, attempts, last_status_code,
              last_error, next_attempt_at, delivered_at, created_at
         FROM webhook_deliveries WHERE job_id = $1
        ORDER BY created_at, event_id LIMIT $2`,
      [jobId, limit],
    );
  }
}
