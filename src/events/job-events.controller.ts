import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Param,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import {
  EVENT_ID_PATTERN,
  JobEventMessageDto,
  JobEventsQueryDto,
} from './dto/job-event-stream.dto';
import { JobEventsStreamService } from './job-events-stream.service';

const SSE_HEADERS: OutgoingHttpHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // Tells nginx-style proxies not to buffer the stream.
  'x-accel-buffering': 'no',
};

const EXAMPLE_FRAMES = [
  'retry: 3000',
  '',
  'id: 1040',
  'event: job.status',
  'data: {"id":1040,"job_id":"5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10","type":"job.status","data":{"status":"PENDING"},"created_at":"2026-11-24T10:00:00.020Z"}',
  '',
  'id: 1042',
  'event: step.started',
  'data: {"id":1042,"job_id":"5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10","type":"step.started","data":{"step":"parse_prompt"},"created_at":"2026-11-24T10:00:00.060Z"}',
  '',
  ': ping',
  '',
  'id: 1049',
  'event: job.status',
  'data: {"id":1049,"job_id":"5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10","type":"job.status","data":{"status":"SUCCESS"},"created_at":"2026-11-24T10:00:31.500Z"}',
  '',
].join('\n');

const DESCRIPTION = `Server-Sent Events (\`text/event-stream\`). Replays the job's events in order, then pushes each new one as it happens (from any worker), with a \`: ping\` comment every 15 s, and closes after the terminal \`job.status\` event (SUCCESS, FAILURE or CANCELLED).

Each message has \`id:\` (the event id), \`event:\` (its type) and \`data:\` (JSON, see JobEventMessageDto). In a browser:

\`\`\`js
const es = new EventSource('/jobs/' + jobId + '/events');
es.addEventListener('job.status', (e) => {
  const { data } = JSON.parse(e.data);
  if (['SUCCESS', 'FAILURE', 'CANCELLED'].includes(data.status)) es.close();
});
\`\`\`

After a dropped connection, EventSource reconnects with \`Last-Event-ID\` and gets only later events. A stream lasts at most SSE_MAX_STREAM_SECONDS (15 min): it then ends with the comment \`: stream lifetime reached; reconnect with Last-Event-ID to resume\`, and EventSource reconnects by itself and resumes. A key may hold SSE_MAX_STREAMS_PER_KEY (20) streams at once; beyond that the answer is 429. A finished job with nothing after \`Last-Event-ID\` answers 204, which tells EventSource to stop. EventSource cannot send an API key header: behind keys, use a fetch-based SSE client, or a same-origin proxy.`;

@ApiTags('jobs')
@Controller()
export class JobEventsController {
  constructor(private readonly streams: JobEventsStreamService) {}

  @Get('jobs/:job_id/events')
  @ApiOperation({ summary: "Live stream of a job's events (SSE)", description: DESCRIPTION })
  @ApiProduces('text/event-stream')
  @ApiExtraModels(JobEventMessageDto)
  @ApiParam({ name: 'job_id', format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id; sent by EventSource itself when it reconnects.',
    example: '1042',
  })
  @ApiOkResponse({
    description: 'The event stream.',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_FRAMES } },
  })
  @ApiNoContentResponse({
    description: 'The job is finished and has no event after Last-Event-ID.',
  })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Last-Event-ID or last_event_id is not an event id.',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`{"detail": "Job not found"}`' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'The key already has SSE_MAX_STREAMS_PER_KEY streams open (per client address without keys); `Retry-After` says when to try again.',
  })
  async stream(
    @Param('job_id') jobId: string,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query() query: JobEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lastId = lastEventId(lastEventIdHeader, query.last_event_id);
    const opening = await this.streams.openStream(jobId, principal, request.ip, lastId);
    if (opening.kind === 'finished') {
      await reply.status(204).send();
      return;
    }
    // From here the response is ours to write; headers set by hooks (CORS, request id,
    // security headers) are carried over.
    reply.hijack();
    reply.raw.writeHead(200, { ...definedHeaders(reply.getHeaders()), ...SSE_HEADERS });
    this.streams.run(opening, reply.raw);
  }
}

/** The header wins over the query parameter: EventSource updates it on every reconnect. */
function lastEventId(header: string | undefined, query: string | undefined): string {
  const value = header?.trim();
  if (!value) return query ?? '0';
  if (!EVENT_ID_PATTERN.test(value)) {
    const message = 'Last-Event-ID must be a job event id (a non-negative integer)';
    throw new BadRequestException({
      detail: message,
      errors: [{ field: 'Last-Event-ID', message }],
    });
  }
  return value;
}

function definedHeaders(headers: Record<string, unknown>): OutgoingHttpHeaders {
  const defined: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value))
      defined[name] = value as string | number | string[];
  }
  return defined;
}
