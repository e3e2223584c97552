import { Injectable } from '@nestjs/common';
import { isJobId } from '../jobs/job-id';
import { JobNotFoundError } from '../jobs/jobs.errors';
import type { JobWebhooksDto } from './dto/job-webhooks.dto';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { DeliveryStatus } from './webhook-delivery.entity';

/** A job has a few dozen events; this only bounds a pathological one. */
const MAX_LISTED = 1_000;

/** Shows a URL without the password it may carry for the receiver's basic auth. */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

@Injectable()
export class WebhooksService {
  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  /** A job's webhook and its deliveries; another owner's job is not found. */
  async listForJob(jobId: string, owner?: string): Promise<JobWebhooksDto> {
    const job = isJobId(jobId) ? await this.deliveries.findJobWebhook(jobId, owner) : undefined;
    if (!job) throw new JobNotFoundError();
    const rows = job.webhook_url ? await this.deliveries.listForJob(jobId, MAX_LISTED) : [];
    return {
      job_id: jobId.toLowerCase(),
      webhook_url: job.webhook_url === null ? null : maskUrlPassword(job.webhook_url),
      webhook_events: job.webhook_events,
      deliveries: rows.map((row) => ({
        id: row.id,
        event_id: Number(row.event_id),
        event_type: row.event_type,
        status: row.status,
        attempts: row.attempts,
        last_status_code: row.last_status_code,
        last_error: row.last_error,
        next_attempt_at:
          row.status === DeliveryStatus.Pending ? row.next_attempt_at.toISOString() : null,
        delivered_at: row.delivered_at?.toISOString() ?? null,
        created_at: row.created_at.toISOString(),
      })),
    };
  }
}
