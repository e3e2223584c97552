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
}

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

/** The id a delivery (and its `webhook-id` header) gets: one per event, stable across retries. */
export const DELIVERY_ID_SQL = `'msg_' || e.id`;

@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Reads the ids of events after `afterId` (at most `limit`, by the primary key) and of the
   * `recheck` ids, and creates a delivery for each one whose job has a webhook that wants
   * its type. Idempotent: a delivery id is derived from its event id.
   */
  async createDeliveriesForEvents(
    afterId: string,
    recheck: string[],
    limit: number,
  ): Promise<{ ids: string[]; created: number }> {
    const rows: { id: string; created: number }[] = await this.db.query(
      `WITH scanned AS (
         (SELECT id FROM job_events WHERE id > $1::bigint ORDER BY id LIMIT $2)
         UNION
         SELECT id FROM job_events WHERE id = ANY($3::bigint[])),
       ins AS (
         INSERT INTO webhook_deliveries (id, job_id, event_id, event_type, url, payload)
         SELECT ${DELIVERY_ID_SQL}, e.job_id, e.id, e.type, j.webhook_url,
                jsonb_build_object(
                  'type', e.type,
                  'timestamp', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'data', jsonb_build_object('job_id', e.job_id) || e.data)
           FROM scanned s
           JOIN job_events e ON e.id = s.id
           JOIN jobs j ON j.id = e.job_id
          WHERE j.webhook_url IS NOT NULL
            AND (j.webhook_events IS NULL OR e.type = ANY(j.webhook_events))
         ON CONFLICT (id) DO NOTHING
         RETURNING 1)
       SELECT s.id::text AS id, (SELECT count(*) FROM ins)::int AS created FROM scanned s ORDER BY s.id`,
      [afterId, limit, recheck],
    );
    return { ids: rows.map((r) => r.id), created: rows[0]?.created ?? 0 };
  }

  /**
   * Where a fresh dispatcher starts scanning `job_events`: no later than the last event that
   * got a delivery, and early enough to see again every event younger than `settleMs`
   * (one that may have committed after a previous scan passed its id).
   */
  async findScanStart(settleMs: number): Promise<string> {
    const [row] = await this.db.query<{ last_delivered: string | null; settled: string | null }[]>(
      `SELECT (SELECT max(event_id) FROM webhook_deliveries)::text AS last_delivered,
              (SELECT id FROM job_events
                WHERE created_at < now() - make_interval(secs => $1::float8 / 1000)
                ORDER BY id DESC LIMIT 1)::text AS settled`,
      [settleMs],
    );
    const settled = BigInt(row.settled ?? '0');
    let start = row.last_delivered === null ? undefined : BigInt(row.last_delivered);
    if (start === undefined) {
      // Nothing delivered yet: start before the first event of any job with a webhook.
      const [first] = await this.db.query<{ id: string | null }[]>(
        `SELECT min(e.id)::text AS id FROM jobs j JOIN job_events e ON e.job_id = j.id
          WHERE j.webhook_url IS NOT NULL`,
      );
      start = first.id === null ? settled : BigInt(first.id) - 1n;
    }
    return (start < settled ? start : settled).toString();
  }

  /**
   * Takes up to `limit` due deliveries for one attempt each. SKIP LOCKED keeps two workers
   * from taking the same row; the lease (pushing `next_attempt_at` out) keeps it theirs
   * while the request is in flight outside any transaction, and hands it to another worker
   * if this one dies.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.db.query(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
          WHERE status = 'PENDING' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $1
          FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d
            SET attempts = d.attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.job_id, d.event_type, d.url, d.payload, d.attempts)
       SELECT * FROM claimed`,
      [limit, leaseMs],
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
