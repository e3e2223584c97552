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
Object.defineProperty(exports, "__esModule", { value: true });
exports.CreateTrackDto = exports.NUL = exports.URL_MAX_LENGTH = exports.PROMPT_MAX_LENGTH = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const webhook_event_types_1 = require("../../webhooks/webhook-event-types");
const job_priority_1 = require("../job-priority");
exports.PROMPT_MAX_LENGTH = 2000;
exports.URL_MAX_LENGTH = 2048;
exports.NUL = '\u0000';
const WELL_FORMED_PERCENT_ESCAPES = /^(?:[^%]|%[0-9A-Fa-f]{2})*$/;
const percentEscapeMessage = (field) => `${field} has a malformed percent-escape: each % must be followed by two hex digits (a literal % is %25)`;
const HTTP_URL = {
    protocols: ['http', 'https'],
    require_protocol: true,
    require_tld: false,
    require_host: true,
};
function IsWebhookEventList() {
    return (0, class_validator_1.ValidateBy)({
        name: 'isWebhookEventList',
        validator: {
            validate: (value, args) => (0, webhook_event_types_1.webhookEventsProblem)(value) === undefined &&
                Boolean(args?.object?.webhook_url),
            defaultMessage: (args) => (0, webhook_event_types_1.webhookEventsProblem)(args?.value) ?? 'webhook_events needs a webhook_url to deliver to',
        },
    });
}
class CreateTrackDto {
    prompt;
    reference_track_url;
    webhook_url;
    webhook_events;
    priority;
}
exports.CreateTrackDto = CreateTrackDto;
__decorate([
    (0, swagger_1.ApiProperty)({
        description: 'What the track should be: genre, mood, instruments, tempo, key.',
        example: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
        maxLength: exports.PROMPT_MAX_LENGTH,
    }),
    (0, class_validator_1.MaxLength)(exports.PROMPT_MAX_LENGTH, {
        message: `prompt must be at most ${exports.PROMPT_MAX_LENGTH} characters`,
    }),
    (0, class_validator_1.Matches)(/\S/, { message: 'prompt must not be empty or only whitespace' }),
    (0, class_validator_1.NotContains)(exports.NUL, { message: 'prompt must not contain NUL characters (\\u0000)' }),
    (0, class_validator_1.IsString)({ message: 'prompt must be a string' }),
    __metadata("design:type", String)
], CreateTrackDto.prototype, "prompt", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'An audio file (WAV, MP3, FLAC, OGG, AIFF or M4A, recognised by its bytes) whose style the track should follow. URLs that resolve to private, loopback or link-local addresses are refused unless the server allow-lists them (`OUTBOUND_URL_ALLOWLIST`).',
        example: 'https://example.com/reference.wav',
        type: String,
        format: 'uri',
        maxLength: 2048,
        nullable: true,
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(2048, { message: 'reference_track_url must be at most 2048 characters' }),
    (0, class_validator_1.Matches)(WELL_FORMED_PERCENT_ESCAPES, { message: percentEscapeMessage('reference_track_url') }),
    (0, class_validator_1.IsUrl)({
        protocols: ['http', 'https'],
        require_protocol: true,
        require_tld: false,
        require_host: true,
    }, { message: 'reference_track_url must be an absolute http(s) URL' }),
    __metadata("design:type", Object)
], CreateTrackDto.prototype, "reference_track_url", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: "Where to POST signed notifications of this job's events ([Standard Webhooks](https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp`, `webhook-signature` headers, HMAC-SHA256 with the server's `WEBHOOK_SECRET`). Body: `{type, timestamp, data: {job_id, ...}}`. A non-2xx answer or no answer within 5 s is retried with backoff. Addresses that resolve to private, loopback or link-local networks are refused unless the server allow-lists them. Delivery history: `GET /jobs/{job_id}/webhooks`.",
        example: 'https://studio.example.com/hooks/tracks',
        type: String,
        format: 'uri',
        maxLength: exports.URL_MAX_LENGTH,
        nullable: true,
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(exports.URL_MAX_LENGTH, {
        message: `webhook_url must be at most ${exports.URL_MAX_LENGTH} characters`,
    }),
    (0, class_validator_1.Matches)(WELL_FORMED_PERCENT_ESCAPES, { message: percentEscapeMessage('webhook_url') }),
    (0, class_validator_1.IsUrl)(HTTP_URL, { message: 'webhook_url must be an absolute http(s) URL' }),
    __metadata("design:type", Object)
], CreateTrackDto.prototype, "webhook_url", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: 'Which event types to deliver to `webhook_url`; omitted or null means every type. `job.status` carries `{status}` (and `error` on FAILURE), `step.*` carry `{step}` plus `duration_ms`, `error`, `attempt` or `retry_in_ms`.',
        enum: webhook_event_types_1.JOB_EVENT_TYPES,
        isArray: true,
        example: ['job.status', 'step.failed'],
        nullable: true,
    }),
    (0, class_validator_1.IsOptional)(),
    IsWebhookEventList(),
    __metadata("design:type", Object)
], CreateTrackDto.prototype, "webhook_events", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        description: "Order among this API key's own jobs waiting for the same service (`high` first, `low` last). Other keys' jobs are not overtaken: keys take turns for each service's slots.",
        enum: job_priority_1.JobPriority,
        enumName: 'JobPriority',
        default: job_priority_1.JobPriority.Normal,
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEnum)(job_priority_1.JobPriority, { message: 'priority must be one of: high, normal, low' }),
    __metadata("design:type", String)
], CreateTrackDto.prototype, "priority", void 0);
//# sourceMappingURL=create-track.dto.js.map