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

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @ManyToOne('Job', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job?: Job;

  @Column({ name: 'event_id', type: 'bigint', comment: 'job_events.id this delivery carries' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 48 })
  eventType!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'jsonb', comment: 'The exact body that is signed and sent' })
  payload!: Record<string, unknown>;

  @Column({
    type: 'enum',
    enum: DeliveryStatus,
    enumName: 'delivery_status',
    default: DeliveryStatus.Pending,
  })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
