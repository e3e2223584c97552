import { Column, Entity, Index, OneToMany, PrimaryColumn } from 'typeorm';
import type { QualityReport } from '../../quality/master-quality';
import { JobPriority } from '../job-priority';
import { JobStatus } from '../job-status';
import type { JobStep } from './job-step.entity';

/** The error a failed job carries: which step, what the service said. */
export interface JobError {
  step: string | null;
  message: string;
  service?: string;
  status_code?: number;
}

/** The compatible `result` shapes of the original service, as stored. */
export interface JobResult {
  final_track_url?: string;
}

/*
 * Indexed columns are written once (id, owner, idempotency_key, created_at) or change only
 * at the claim and at the end (status, finished_at), so the per-step UPDATEs of a running
 * job (current_step, updated_at) stay HOT.
 */
@Entity({ name: 'jobs', comment: 'One row per track request; the single source of truth.' })
@Index('jobs_owner_idempotency_key_uq', ['owner', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
@Index('jobs_unfinished_created_idx', ['createdAt'], { where: 'finished_at IS NULL' })
@Index('jobs_created_idx', ['createdAt', 'id'])
@Index('jobs_owner_created_idx', ['owner', 'createdAt', 'id'])
@Index('jobs_owner_unfinished_idx', ['owner'], { where: 'finished_at IS NULL' })
@Index('jobs_status_created_idx', ['status', 'createdAt', 'id'])
export class Job {
  @PrimaryColumn({ type: 'uuid', comment: 'Job id, also the Bull job id' })
  id!: string;

  @Column({
    type: 'enum',
    enum: JobStatus,
    enumName: 'job_status',
    default: JobStatus.Pending,
    comment: 'PENDING, PROCESSING, or terminal SUCCESS / FAILURE / CANCELLED',
  })
  status!: JobStatus;

  // GIN with gin_trgm_ops for `GET /jobs?q=`, which TypeORM cannot express: the migration
  // creates it by hand, and synchronize: false keeps the schema diff from dropping it.
  @Index('jobs_prompt_trgm_idx', { synchronize: false })
  @Column({ type: 'text', comment: 'The user prompt, as sent' })
  prompt!: string;

  @Column({
    name: 'reference_track_url',
    type: 'text',
    nullable: true,
    comment: 'Optional reference track to analyse',
  })
  referenceTrackUrl!: string | null;

  @Column({
    name: 'current_step',
    type: 'varchar',
    length: 32,
    nullable: true,
    comment: 'Step running now, or the step the job ended on',
  })
  currentStep!: string | null;

  @Column({ type: 'jsonb', nullable: true, comment: 'On success: {final_track_url}' })
  result!: JobResult | null;

  @Column({
    type: 'jsonb',
    nullable: true,
    comment: 'On failure: {step, message, service?, status_code?}',
  })
  error!: JobError | null;

  @Column({
    type: 'jsonb',
    nullable: true,
    comment: 'The quality check of the master: measured, corrected or failed; null until checked',
  })
  quality!: QualityReport | null;

  @Column({
    type: 'int',
    default: 0,
    comment: 'How many times a worker has claimed the job; fences writes of stale workers',
  })
  attempt!: number;

  @Column({
    name: 'unexpected_errors',
    type: 'int',
    default: 0,
    comment:
      'Runs ended by an unexpected error of the job itself (not a service, not an outage) since it was created or retried; the job fails once they reach the budget',
  })
  unexpectedErrors!: number;

  @Column({
    type: 'varchar',
    length: 128,
    default: 'anonymous',
    comment: 'API key name that created it',
  })
  owner!: string;

  @Column({
    name: 'idempotency_key',
    type: 'varchar',
    length: 255,
    nullable: true,
    comment: 'Idempotency-Key header of the create request',
  })
  idempotencyKey!: string | null;

  @Column({
    name: 'request_fingerprint',
    type: 'varchar',
    length: 64,
    nullable: true,
    comment: 'SHA-256 of the create body, to tell an idempotent replay from a conflicting one',
  })
  requestFingerprint!: string | null;

  @Column({
    name: 'webhook_url',
    type: 'text',
    nullable: true,
    comment: 'Where signed event deliveries go (Standard Webhooks)',
  })
  webhookUrl!: string | null;

  @Column({
    name: 'webhook_events',
    type: 'text',
    array: true,
    nullable: true,
    comment: 'Event types to deliver; null means every type',
  })
  webhookEvents!: string[] | null;

  @Column({
    name: 'cancel_requested_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'Set by POST /jobs/{id}/cancel until the run stops',
  })
  cancelRequestedAt!: Date | null;

  @Column({
    name: 'created_at',
    type: 'timestamptz',
    default: () => 'now()',
    comment: 'When the job was created',
  })
  createdAt!: Date;

  @Column({
    name: 'updated_at',
    type: 'timestamptz',
    default: () => 'now()',
    comment: 'Last state change or heartbeat of a running step',
  })
  updatedAt!: Date;

  @Column({
    name: 'started_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'First claim by a worker',
  })
  startedAt!: Date | null;

  @Column({
    name: 'finished_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'When it reached SUCCESS, FAILURE or CANCELLED',
  })
  finishedAt!: Date | null;

  @Column({
    name: 'deadline_at',
    type: 'timestamptz',
    comment: 'An unfinished job still running after this is failed by the reconciler',
  })
  deadlineAt!: Date;

  @Column({
    name: 'step_list_version',
    type: 'int',
    default: 1,
    comment:
      'The version of the step list (STEP_LIST_VERSION) the job was created under; workers of an older list leave it to newer ones',
  })
  stepListVersion!: number;

  @Column({
    type: 'enum',
    enum: JobPriority,
    enumName: 'job_priority',
    default: JobPriority.Normal,
    comment: "Order among the owner's jobs waiting for the same service: high, normal or low",
  })
  priority!: JobPriority;

  @Column({
    name: 'queued_at',
    type: 'timestamptz',
    nullable: true,
    comment:
      "Since when the current step waits in its service's line for a slot; null when not waiting. Time in line moves deadline_at on",
  })
  queuedAt!: Date | null;

  @OneToMany('JobStep', (step: JobStep) => step.job)
  steps?: JobStep[];
}
