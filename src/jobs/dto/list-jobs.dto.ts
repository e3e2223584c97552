import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  NotContains,
} from 'class-validator';
import { JobStatus } from '../job-status';
import { NUL } from './create-track.dto';
import { JobResponseDto } from './job-responses.dto';

export const LIST_DEFAULT_LIMIT = 20;
export const LIST_MAX_LIMIT = 100;
export const SEARCH_MAX_LENGTH = 200;
/**
 * A calendar date, or a date and time with an optional offset (RFC 3339 and its everyday
 * variants): what PostgreSQL reads as a timestamptz. ISO 8601's week and ordinal dates
 * (2026-W48-1) are not.
 */
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

/** `status=FAILURE,CANCELLED` and `status=FAILURE&status=CANCELLED` mean the same. */
function toStatusList({ value }: { value: unknown }): unknown {
  const parts = Array.isArray(value) ? (value as unknown[]) : [value];
  return parts.flatMap((part) =>
    typeof part === 'string' ? part.split(',').map((s) => s.trim().toUpperCase()) : [part],
  );
}

export class ListJobsQueryDto {
  @ApiPropertyOptional({
    description:
      'Only jobs in these states: one status, a comma-separated list, or the parameter repeated.',
    enum: JobStatus,
    isArray: true,
    example: 'FAILURE,CANCELLED',
  })
  @IsOptional()
  @Transform(toStatusList)
  @ArrayMaxSize(5, { message: 'status lists at most 5 statuses' })
  @IsEnum(JobStatus, {
    each: true,
    message: `status must be one of ${Object.values(JobStatus).join(', ')}`,
  })
  status?: JobStatus[];

  @ApiPropertyOptional({
    description: 'Only jobs created at or after this time (ISO 8601).',
    format: 'date-time',
    example: '2026-11-24T00:00:00Z',
  })
  @IsOptional()
  // Checked bottom-up: the shape first, then that the date exists (no 30 February).
  @IsISO8601(
    { strict: true },
    { message: 'created_after must be an ISO 8601 date-time, e.g. 2026-11-24T00:00:00Z' },
  )
  @Matches(DATE_TIME, {
    message: 'created_after must be an ISO 8601 date-time, e.g. 2026-11-24T00:00:00Z',
  })
  created_after?: string;

  @ApiPropertyOptional({
    description: 'Only jobs created before this time (ISO 8601).',
    format: 'date-time',
    example: '2026-11-25T00:00:00Z',
  })
  @IsOptional()
  // Checked bottom-up: the shape first, then that the date exists (no 30 February).
  @IsISO8601(
    { strict: true },
    { message: 'created_before must be an ISO 8601 date-time, e.g. 2026-11-25T00:00:00Z' },
  )
  @Matches(DATE_TIME, {
    message: 'created_before must be an ISO 8601 date-time, e.g. 2026-11-25T00:00:00Z',
  })
  created_before?: string;

  @ApiPropertyOptional({
    description: 'Free text: only jobs whose prompt contains it (case-insensitive).',
    example: 'lo-fi piano',
    maxLength: SEARCH_MAX_LENGTH,
  })
  @IsOptional()
  @MaxLength(SEARCH_MAX_LENGTH, { message: `q must be at most ${SEARCH_MAX_LENGTH} characters` })
  @Matches(/\S/, { message: 'q must not be empty or only whitespace' })
  @NotContains(NUL, { message: 'q must not contain NUL characters (\\u0000)' })
  @IsString({ message: 'q must be a string' })
  q?: string;

  @ApiPropertyOptional({
    description: `Page size, 1 to ${LIST_MAX_LIMIT}.`,
    minimum: 1,
    maximum: LIST_MAX_LIMIT,
    default: LIST_DEFAULT_LIMIT,
    example: 20,
  })
  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: `limit must be between 1 and ${LIST_MAX_LIMIT}` })
  @Max(LIST_MAX_LIMIT, { message: `limit must be between 1 and ${LIST_MAX_LIMIT}` })
  @IsInt({ message: `limit must be a whole number between 1 and ${LIST_MAX_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({
    description:
      'Opaque: the `next_cursor` of the previous page. Pass the same filters with it. Pages are stable while jobs are being created: each job listed when the first page was read appears exactly once.',
    example: 'eyJ0IjoiMjAyNi0xMS0yNFQxMDowMDowMC4wMDAwMDBaIiwiaSI6IjViMWYifQ',
  })
  @IsOptional()
  @IsString({ message: 'cursor must be a string' })
  cursor?: string;
}

/** One job in a list: everything `GET /jobs/{job_id}` has but the steps. */
export class JobSummaryDto extends OmitType(JobResponseDto, ['steps'] as const) {}

export class JobListResponseDto {
  @ApiProperty({ type: [JobSummaryDto], description: 'Newest first.' })
  items!: JobSummaryDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page.',
    example: 'eyJ0IjoiMjAyNi0xMS0yNFQxMDowMDowMC4wMDAwMDBaIiwiaSI6IjViMWYifQ',
  })
  next_cursor!: string | null;
}
