import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  NotContains,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { JOB_EVENT_TYPES, webhookEventsProblem } from '../../webhooks/webhook-event-types';
import { JobPriority } from '../job-priority';

export const PROMPT_MAX_LENGTH = 2000;
export const URL_MAX_LENGTH = 2048;

/** PostgreSQL text cannot hold U+0000: refused as input rather than failing the query. */
export const NUL = '\u0000';
/**
 * Every `%` starts an escape of two hex digits (RFC 3986); `.../100%` or `.../%E0%A4%A`
 * would otherwise pass, and only fail when the download decodes the name.
 */
const WELL_FORMED_PERCENT_ESCAPES = /^(?:[^%]|%[0-9A-Fa-f]{2})*$/;
const percentEscapeMessage = (field: string) =>
  `${field} has a malformed percent-escape: each % must be followed by two hex digits (a literal % is %25)`;

const HTTP_URL = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  require_host: true,
};

/** `webhook_events`: a non-empty list of known event types, and only next to a `webhook_url`. */
function IsWebhookEventList(): PropertyDecorator {
  return ValidateBy({
    name: 'isWebhookEventList',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        webhookEventsProblem(value) === undefined &&
        Boolean((args?.object as CreateTrackDto | undefined)?.webhook_url),
      defaultMessage: (args?: ValidationArguments) =>
        webhookEventsProblem(args?.value) ?? 'webhook_events needs a webhook_url to deliver to',
    },
  });
}

export class CreateTrackDto {
  @ApiProperty({
    description: 'What the track should be: genre, mood, instruments, tempo, key.',
    example: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
    maxLength: PROMPT_MAX_LENGTH,
  })
  // Checked bottom-up: the type first, so a missing prompt is reported as such.
  @MaxLength(PROMPT_MAX_LENGTH, {
    message: `prompt must be at most ${PROMPT_MAX_LENGTH} characters`,
  })
  @Matches(/\S/, { message: 'prompt must not be empty or only whitespace' })
  @NotContains(NUL, { message: 'prompt must not contain NUL characters (\\u0000)' })
  @IsString({ message: 'prompt must be a string' })
  prompt!: string;

  @ApiPropertyOptional({
    description:
      'An audio file (WAV, MP3, FLAC, OGG, AIFF or M4A, recognised by its bytes) whose style the track should follow. URLs that resolve to private, loopback or link-local addresses are refused unless the server allow-lists them (`OUTBOUND_URL_ALLOWLIST`).',
    example: 'https://example.com/reference.wav',
    type: String,
    format: 'uri',
    maxLength: 2048,
    nullable: true,
  })
  @IsOptional()
  @MaxLength(2048, { message: 'reference_track_url must be at most 2048 characters' })
  @Matches(WELL_FORMED_PERCENT_ESCAPES, { message: percentEscapeMessage('reference_track_url') })
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: false,
      require_host: true,
    },
    { message: 'reference_track_url must be an absolute http(s) URL' },
  )
  reference_track_url?: string | null;

  @ApiPropertyOptional({
    description:
      "Where to POST signed notifications of this job's events ([Standard Webhooks](https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`, `webhook-signature` headers, HMAC-SHA256 with the server's `WEBHOOK_SECRET`). Body: `{type, timestamp, data: {job_id, ...}}`. A non-2xx answer or no answer within 5 s is retried with backoff. Addresses that resolve to private, loopback or link-local networks are refused unless the server allow-lists them. Delivery history: `GET /jobs/{job_id}/webhooks`.",
    example: 'https://studio.example.com/hooks/tracks',
    type: String,
    format: 'uri',
    maxLength: URL_MAX_LENGTH,
    nullable: true,
  })
  @IsOptional()
  @MaxLength(URL_MAX_LENGTH, {
    message: `webhook_url must be at most ${URL_MAX_LENGTH} characters`,
  })
  @Matches(WELL_FORMED_PERCENT_ESCAPES, { message: percentEscapeMessage('webhook_url') })
  @IsUrl(HTTP_URL, { message: 'webhook_url must be an absolute http(s) URL' })
  webhook_url?: string | null;

  @ApiPropertyOptional({
    description:
      'Which event types to deliver to `webhook_url`; omitted or null means every type. `job.status` carries `{status}` (and `error` on FAILURE), `step.*` carry `{step}` plus `duration_ms`, `error`, `attempt` or `retry_in_ms`.',
    enum: JOB_EVENT_TYPES,
    isArray: true,
    example: ['job.status', 'step.failed'],
    nullable: true,
  })
  @IsOptional()
  @IsWebhookEventList()
  webhook_events?: string[] | null;

  @ApiPropertyOptional({
    description:
      "Order among this API key's own jobs waiting for the same service (`high` first, `low` last). Other keys' jobs are not overtaken: keys take turns for each service's slots.",
    enum: JobPriority,
    enumName: 'JobPriority',
    default: JobPriority.Normal,
  })
  @IsOptional()
  @IsEnum(JobPriority, { message: 'priority must be one of: high, normal, low' })
  priority?: JobPriority;
}
