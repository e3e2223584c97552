import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Job } from '../jobs/entities/job.entity';

export enum DeliveryStatus {
  Pending = 'PENDING',
  Delivered = 'DELIVERED',
  Failed = 'FAILED',
}

/** One webhook message for one job event, with its delivery history. */
@Entity({
  name: 'webhook_deliveries',
  comment: 'Signed webhook deliveries of job events, with retries',
})
@Index('webhook_deliveries_job_idx', ['jobId', 'createdAt'])
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: "status = 'PENDING'" })
export class WebhookDelivery {
  @PrimaryColumn({
    type: 'varchar',
    length: 64,
    comment: 'The webhook-id header: stable across retries',
  })
  id!: string;

  @Column({ name: 'job_id', type: 'uuid', comment: 'The job whose event this delivers' })
  jobId!: string;

  @ManyToOne('Job', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job?: Job;

  @Column({ name: 'event_id', type: 'bigint', comment: 'job_events.id this delivery carries' })
  eventId!: string;

  @Column({
    name: 'event_type',
    type: 'varchar',
    length: 48,
    comment: 'job.status, step.started, ...',
  })
  eventType!: string;

  @Column({ type: 'text', comment: 'Receiver URL (credentials are masked in the API)' })
  url!: string;

  @Column({ type: 'jsonb', comment: 'The exact body that is signed and sent' })
  payload!: Record<string, unknown>;

  @Column({
    type: 'enum',
    enum: DeliveryStatus,
    enumName: 'delivery_status',
    default: DeliveryStatus.Pending,
    comment: 'PENDING (due at next_attempt_at), DELIVERED or FAILED',
  })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0, comment: 'Attempts made so far' })
  attempts!: number;

  @Column({
    name: 'last_status_code',
    type: 'int',
    nullable: true,
    comment: 'HTTP status of the last attempt',
  })
  lastStatusCode!: number | null;

  @Column({
    name: 'last_error',
    type: 'text',
    nullable: true,
    comment: 'Why the last attempt failed',
  })
  lastError!: string | null;

  @Column({
    name: 'next_attempt_at',
    type: 'timestamptz',
    default: () => 'now()',
    comment: 'When the next attempt is due',
  })
  nextAttemptAt!: Date;

  @Column({
    name: 'created_at',
    type: 'timestamptz',
    default: () => 'now()',
    comment: 'When the event was queued for delivery',
  })
  createdAt!: Date;

  @Column({
    name: 'delivered_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'When the receiver answered 2xx',
  })
  deliveredAt!: Date | null;
}
