import { JobPriority } from '../job-priority';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STEP_NAMES } from '../../pipeline/steps';
import { QualityReportDto } from '../../quality/dto/quality-report.dto';
import { JobStatus, StepStatus } from '../job-status';

export class CreateTrackResponseDto {
  @ApiProperty({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  job_id!: string;

  @ApiProperty({ enum: JobStatus, example: JobStatus.Pending })
  status!: JobStatus;

  @ApiProperty({ example: 'Job has been queued.' })
  details!: string;
}

export class JobResultDto {
  @ApiPropertyOptional({
    description: 'While PROCESSING: the step running now.',
    example: 'Generating Sound',
  })
  step?: string;

  @ApiPropertyOptional({
    description: 'On SUCCESS: where to download the mastered track (24-bit 48 kHz WAV).',
    example: 'http://127.0.0.1:3000/artifacts/output/job_3f9c2a1b7d4e_master.wav',
  })
  final_track_url?: string;

  @ApiPropertyOptional({
    description: "On FAILURE or CANCELLED: what went wrong, in the failing service's own words.",
    example: 'sound-generation answered 400: instruments not supported',
  })
  error?: string;
}

export class JobErrorDto {
  @ApiProperty({ nullable: true, type: String, example: 'generate_sound' })
  step!: string | null;

  @ApiProperty({ example: 'sound-generation answered 400: instruments not supported' })
  message!: string;

  @ApiPropertyOptional({ example: 'sound-generation' })
  service?: string;

  @ApiPropertyOptional({ example: 400 })
  status_code?: number;
}

export class StepAttemptDto {
  @ApiProperty({ example: 1 })
  attempt!: number;

  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' })
  started_at!: string;

  @ApiProperty({ example: '2026-11-24T10:00:01.250Z' })
  finished_at!: string;

  @ApiProperty({ example: 1250 })
  duration_ms!: number;

  @ApiProperty({
    enum: ['succeeded', 'retrying', 'failed', 'cancelled', 'interrupted'],
    example: 'retrying',
  })
  outcome!: string;

  @ApiPropertyOptional({ example: 'sound-generation answered 503: busy' })
  error?: string;

  @ApiPropertyOptional({ example: 503 })
  status_code?: number;
}

export class JobStepDto {
  @ApiProperty({
    enum: STEP_NAMES,
    example: 'generate_sound',
  })
  name!: string;

  @ApiProperty({
    description:
      'The step\'s title: the `result.step` text, except where a step has its own (`check_quality`: "Checking Quality", while `result.step` reads "Mixing and Mastering").',
    example: 'Generating Sound',
  })
  label!: string;

  @ApiProperty({ enum: StepStatus, example: StepStatus.Succeeded })
  status!: StepStatus;

  @ApiProperty({ description: 'Calls made to the service in the current run.', example: 1 })
  attempts!: number;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-24T10:00:00.000Z' })
  started_at!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-24T10:00:01.250Z' })
  finished_at!: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 1250 })
  duration_ms!: number | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  error!: string | null;

  @ApiProperty({ type: [StepAttemptDto] })
  attempt_log!: StepAttemptDto[];
}

/** Where a job waiting for a service slot stands in that service's line. */
export class QueueStandingDto {
  @ApiProperty({ enum: STEP_NAMES, example: 'generate_sound', description: 'The step waiting.' })
  step!: string;

  @ApiProperty({
    example: 3,
    description:
      "Its place in the service's line: 1 is next. API keys take turns, so other keys' backlogs add at most one step per turn.",
  })
  position!: number;

  @ApiProperty({
    example: 90,
    description:
      "Estimated seconds until its call starts, from the service's recent call times and its current limit.",
  })
  eta_seconds!: number;
}

export class JobResponseDto {
  @ApiProperty({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  job_id!: string;

  @ApiProperty({ enum: JobStatus, example: JobStatus.Processing })
  status!: JobStatus;

  @ApiProperty({
    type: JobResultDto,
    nullable: true,
    description:
      'As in the original service: `{step}` while processing, `{final_track_url}` on success, `{error, step}` on failure; null while pending.',
  })
  result!: JobResultDto | null;

  @ApiProperty({ example: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.' })
  prompt!: string;

  @ApiProperty({ nullable: true, type: String, example: null })
  reference_track_url!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'generate_sound' })
  current_step!: string | null;

  @ApiProperty({
    enum: JobPriority,
    enumName: 'JobPriority',
    example: JobPriority.Normal,
    description: "Order among this key's own jobs waiting for the same service.",
  })
  priority!: JobPriority;

  @ApiProperty({
    type: QueueStandingDto,
    nullable: true,
    description:
      "While the job waits for a slot of its step's service (the step is `QUEUED`): its place in that line. Null otherwise.",
  })
  queue!: QueueStandingDto | null;

  @ApiProperty({ type: JobErrorDto, nullable: true })
  error!: JobErrorDto | null;

  @ApiProperty({ type: [JobStepDto] })
  steps!: JobStepDto[];

  @ApiProperty({ description: 'How many times a worker has started this job.', example: 1 })
  runs!: number;

  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: '2026-11-24T10:00:02.000Z' })
  updated_at!: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-24T10:00:00.050Z' })
  started_at!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  finished_at!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  cancel_requested_at!: string | null;

  @ApiProperty({
    type: QualityReportDto,
    nullable: true,
    description: 'The quality check of the master (`check_quality`); null until it ran.',
  })
  quality!: QualityReportDto | null;
}

/** One field's problem in a validation error. */
export class FieldErrorDto {
  @ApiProperty({ example: 'prompt' })
  field!: string;

  @ApiProperty({ example: 'prompt must not be empty or only whitespace' })
  message!: string;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 'Job not found' })
  detail!: string;

  @ApiPropertyOptional({
    description: 'Per-field problems, for validation errors.',
    example: [{ field: 'prompt', message: 'prompt must not be empty or only whitespace' }],
    type: [FieldErrorDto],
  })
  errors?: FieldErrorDto[];
}

export class HealthMessageDto {
  @ApiProperty({ example: 'Music production orchestrator is running.' })
  message!: string;
}
