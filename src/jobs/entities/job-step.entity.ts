import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StepStatus } from '../job-status';
import type { Job } from './job.entity';

/** One service call attempt, as kept in `job_steps.attempt_log`. */
export interface StepAttempt {
  attempt: number;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  outcome: 'succeeded' | 'retrying' | 'failed' | 'cancelled' | 'interrupted' | 'refused';
  error?: string;
  status_code?: number;
}

@Entity({
  name: 'job_steps',
  comment: 'One row per (job, step); a SUCCEEDED row is a checkpoint never called again.',
})
export class JobStep {
  @PrimaryColumn({ name: 'job_id', type: 'uuid', comment: 'The job this step belongs to' })
  jobId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, comment: 'parse_prompt, analyze_style, ...' })
  step!: string;

  @ManyToOne('Job', (job: Job) => job.steps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job?: Job;

  @Column({
    type: 'enum',
    enum: StepStatus,
    enumName: 'step_status',
    comment: 'PENDING, RUNNING, RETRYING, SUCCEEDED, FAILED or CANCELLED',
  })
  status!: StepStatus;

  @Column({ type: 'int', default: 0, comment: 'Calls made in the current run of the job' })
  attempts!: number;

  @Column({ type: 'jsonb', nullable: true, comment: 'Request sent to the service' })
  input!: unknown;

  @Column({ type: 'jsonb', nullable: true, comment: 'Validated response: the checkpoint' })
  output!: unknown;

  @Column({ type: 'text', nullable: true, comment: 'Last error message' })
  error!: string | null;

  @Column({
    name: 'attempt_log',
    type: 'jsonb',
    default: () => "'[]'",
    comment: 'Every attempt: time, duration, outcome, error',
  })
  attemptLog!: StepAttempt[];

  @Column({
    name: 'started_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'First call of the step',
  })
  startedAt!: Date | null;

  @Column({
    name: 'finished_at',
    type: 'timestamptz',
    nullable: true,
    comment: 'When it succeeded or failed for good',
  })
  finishedAt!: Date | null;

  @Column({
    name: 'duration_ms',
    type: 'int',
    nullable: true,
    comment: 'Duration of the successful call',
  })
  durationMs!: number | null;
}
