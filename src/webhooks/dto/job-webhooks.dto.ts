import { ApiProperty } from '@nestjs/swagger';
import { JOB_EVENT_TYPES } from '../webhook-event-types';
import { DeliveryStatus } from '../webhook-delivery.entity';

export class WebhookDeliveryDto {
  @ApiProperty({
    description:
      'The `webhook-id` header of this delivery: `msg_` + the event id, the same on every retry. Receivers can use it to drop duplicates and to order events.',
    example: 'msg_1042',
  })
  id!: string;

  @ApiProperty({ description: 'The job event it carries (the SSE `id`).', example: 1042 })
  event_id!: number;

  @ApiProperty({ enum: JOB_EVENT_TYPES, example: 'job.status' })
  event_type!: string;

  @ApiProperty({
    enum: DeliveryStatus,
    description:
      'PENDING: not delivered yet (retrying); DELIVERED: the receiver answered 2xx; FAILED: every attempt failed, or the receiver answered 410 Gone.',
    example: DeliveryStatus.Delivered,
  })
  status!: DeliveryStatus;

  @ApiProperty({ description: 'Attempts made so far.', example: 3 })
  attempts!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'HTTP status of the last attempt; null if it got no answer.',
    example: 200,
  })
  last_status_code!: number | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the last failed attempt failed; null once delivered.',
    example: null,
  })
  last_error!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the next attempt is due; null when no attempt is left to make.',
    example: null,
  })
  next_attempt_at!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    example: '2026-11-24T10:00:36.120Z',
  })
  delivered_at!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:00:01.002Z' })
  created_at!: string;
}

export class JobWebhooksDto {
  @ApiProperty({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  job_id!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Where deliveries go (a password in it is masked); null if the job has no webhook.',
    example: 'https://studio.example.com/hooks/tracks',
  })
  webhook_url!: string | null;

  @ApiProperty({
    nullable: true,
    enum: JOB_EVENT_TYPES,
    isArray: true,
    description: 'Event types delivered; null means every type.',
    example: ['job.status'],
  })
  webhook_events!: string[] | null;

  @ApiProperty({
    type: [WebhookDeliveryDto],
    description: 'One delivery per event, oldest first.',
    example: [
      {
        id: 'msg_1040',
        event_id: 1040,
        event_type: 'job.status',
        status: 'DELIVERED',
        attempts: 1,
        last_status_code: 204,
        last_error: null,
        next_attempt_at: null,
        delivered_at: '2026-11-24T10:00:00.180Z',
        created_at: '2026-11-24T10:00:00.020Z',
      },
      {
        id: 'msg_1049',
        event_id: 1049,
        event_type: 'job.status',
        status: 'PENDING',
        attempts: 2,
        last_status_code: 503,
        last_error: 'receiver answered 503: upstream busy',
        next_attempt_at: '2026-11-24T10:01:05.000Z',
        delivered_at: null,
        created_at: '2026-11-24T10:00:31.500Z',
      },
    ],
  })
  deliveries!: WebhookDeliveryDto[];
}
