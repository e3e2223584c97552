import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Job } from './job.entity';

/** Append-only history of a job, written in the same statement as the change it describes. */
@Entity({
  name: 'job_events',
  comment: 'Append-only job history: status changes, step events, cancels',
})
@Index('job_events_job_id_id_idx', ['jobId', 'id'])
export class JobEvent {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    comment: 'Increasing event id; the SSE id and the webhook-id (msg_<id>)',
  })
  id!: string;

  @Column({ name: 'job_id', type: 'uuid', comment: 'The job this event belongs to' })
  jobId!: string;

  @ManyToOne('Job', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job?: Job;

  @Column({
    type: 'varchar',
    length: 48,
    comment:
      'job.status, step.started, step.succeeded, step.retrying, step.failed, cancel.requested',
  })
  type!: string;

  @Column({
    type: 'jsonb',
    default: () => "'{}'",
    comment: 'Event details: status, step, error, duration_ms, ...',
  })
  data!: Record<string, unknown>;

  @Column({
    name: 'created_at',
    type: 'timestamptz',
    default: () => 'now()',
    comment: 'When the change was committed',
  })
  createdAt!: Date;
}
