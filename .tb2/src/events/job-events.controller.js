"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobEventsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const job_responses_dto_1 = require("../jobs/dto/job-responses.dto");
const job_event_stream_dto_1 = require("./dto/job-event-stream.dto");
const job_events_stream_service_1 = require("./job-events-stream.service");
const SSE_HEADERS = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
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
let JobEventsController = class JobEventsController {
    streams;
    constructor(streams) {
        this.streams = streams;
    }
    async stream(jobId, lastEventIdHeader, query, principal, request, reply) {
        const lastId = lastEventId(lastEventIdHeader, query.last_event_id);
        const opening = await this.streams.openStream(jobId, principal, request.ip, lastId);
        if (opening.kind === 'finished') {
            await reply.status(204).send();
            return;
        }
        reply.hijack();
        reply.raw.writeHead(200, { ...definedHeaders(reply.getHeaders()), ...SSE_HEADERS });
        this.streams.run(opening, reply.raw);
    }
};
exports.JobEventsController = JobEventsController;
__decorate([
    (0, common_1.Get)('jobs/:job_id/events'),
    (0, swagger_1.ApiOperation)({ summary: "Live stream of a job's events (SSE)", description: DESCRIPTION }),
    (0, swagger_1.ApiProduces)('text/event-stream'),
    (0, swagger_1.ApiExtraModels)(job_event_stream_dto_1.JobEventMessageDto),
    (0, swagger_1.ApiParam)({ name: 'job_id', format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    (0, swagger_1.ApiHeader)({
        name: 'Last-Event-ID',
        required: false,
        description: 'Resume after this event id; sent by EventSource itself when it reconnects.',
        example: '1042',
    }),
    (0, swagger_1.ApiOkResponse)({
        description: 'The event stream.',
        content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_FRAMES } },
    }),
    (0, swagger_1.ApiNoContentResponse)({
        description: 'The job is finished and has no event after Last-Event-ID.',
    }),
    (0, swagger_1.ApiBadRequestResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'Last-Event-ID or last_event_id is not an event id.',
    }),
    (0, swagger_1.ApiNotFoundResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: '`{"detail": "Job not found"}`' }),
    (0, swagger_1.ApiTooManyRequestsResponse)({
        type: job_responses_dto_1.ErrorResponseDto,
        description: 'The key already has SSE_MAX_STREAMS_PER_KEY streams open (per client address without keys); `Retry-After` says when to try again.',
    }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, common_1.Headers)('last-event-id')),
    __param(2, (0, common_1.Query)()),
    __param(3, (0, principal_1.CurrentPrincipal)()),
    __param(4, (0, common_1.Req)()),
    __param(5, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, job_event_stream_dto_1.JobEventsQueryDto, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], JobEventsController.prototype, "stream", null);
exports.JobEventsController = JobEventsController = __decorate([
    (0, swagger_1.ApiTags)('jobs'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [job_events_stream_service_1.JobEventsStreamService])
], JobEventsController);
function lastEventId(header, query) {
    const value = header?.trim();
    if (!value)
        return query ?? '0';
    if (!job_event_stream_dto_1.EVENT_ID_PATTERN.test(value)) {
        const message = 'Last-Event-ID must be a job event id (a non-negative integer)';
        throw new common_1.BadRequestException({
            detail: message,
            errors: [{ field: 'Last-Event-ID', message }],
        });
    }
    return value;
}
function definedHeaders(headers) {
    const defined = {};
    for (const [name, value] of Object.entries(headers)) {
        if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value))
            defined[name] = value;
    }
    return defined;
}
//# sourceMappingURL=job-events.controller.js.map