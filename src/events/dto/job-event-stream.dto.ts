import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { JOB_EVENT_TYPES } from '../../webhooks/webhook-event-types';

/** A job_events id: a positive bigint, kept as a string. */
export const EVENT_ID_PATTERN = /^\d{1,18}$/;
export const EVENT_ID_MESSAGE = 'last_event_id must be a job event id (a non-negative integer)';

export class JobEventsQueryDto {
  @ApiPropertyOptional({
    description:
      'Resume after this event id, for clients that cannot send the `Last-Event-ID` header (the header wins when both are sent).',
    example: '1042',
    pattern: EVENT_ID_PATTERN.source,
  })
  @IsOptional()
  @Matches(EVENT_ID_PATTERN, { message: EVENT_ID_MESSAGE })
  last_event_id?: string;
}

/** The JSON of each SSE message's `data:` line. */
export class JobEventMessageDto {
  @ApiProperty({ description: 'Event id, increasing; also the SSE `id:`.', example: 1042 })
  id!: number;

  @ApiProperty({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  job_id!: string;

  @ApiProperty({
    enum: JOB_EVENT_TYPES,
    description: 'Also the SSE `event:`.',
    example: 'step.succeeded',
  })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'job.status: `{status}` (+ `error` on FAILURE, `retry: true` when a job is retried); step.started: `{step}`; step.succeeded: `{step, duration_ms}`; step.retrying: `{step, error, attempt, retry_in_ms}`; step.failed: `{step, error}`; cancel.requested: `{}`.',
    example: { step: 'generate_sound', duration_ms: 8421 },
  })
  data!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:00:09.500Z' })
  created_at!: string;
}
