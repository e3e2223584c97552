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
exports.JobWebhooksDto = exports.WebhookDeliveryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const webhook_event_types_1 = require("../webhook-event-types");
const webhook_delivery_entity_1 = require("../webhook-delivery.entity");
class WebhookDeliveryDto {
    id;
    event_id;
    event_type;
    status;
    attempts;
    last_status_code;
    last_error;
    next_attempt_at;
    delivered_at;
    created_at;
}
exports.WebhookDeliveryDto = WebhookDeliveryDto;
__decorate([
    (0, swagger_1.ApiProperty)({
        description: 'The `webhook-id` header of this delivery: `msg_` + the event id, the same on every retry. Receivers can use it to drop duplicates and to order events.',
        example: 'msg_1042',
    }),
    __metadata("design:type", String)
], WebhookDeliveryDto.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'The job event it carries (the SSE `id`).', example: 1042 }),
    __metadata("design:type", Number)
], WebhookDeliveryDto.prototype, "event_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: webhook_event_types_1.JOB_EVENT_TYPES, example: 'job.status' }),
    __metadata("design:type", String)
], WebhookDeliveryDto.prototype, "event_type", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        enum: webhook_delivery_entity_1.DeliveryStatus,
        description: 'PENDING: not delivered yet (retrying); DELIVERED: the receiver answered 2xx; FAILED: every attempt failed, or the receiver answered 410 Gone.',
        example: webhook_delivery_entity_1.DeliveryStatus.Delivered,
    }),
    __metadata("design:type", String)
], WebhookDeliveryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Attempts made so far.', example: 3 }),
    __metadata("design:type", Number)
], WebhookDeliveryDto.prototype, "attempts", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: Number,
        description: 'HTTP status of the last attempt; null if it got no answer.',
        example: 200,
    }),
    __metadata("design:type", Object)
], WebhookDeliveryDto.prototype, "last_status_code", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: String,
        description: 'Why the last failed attempt failed; null once delivered.',
        example: null,
    }),
    __metadata("design:type", Object)
], WebhookDeliveryDto.prototype, "last_error", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: String,
        format: 'date-time',
        description: 'When the next attempt is due; null when no attempt is left to make.',
        example: null,
    }),
    __metadata("design:type", Object)
], WebhookDeliveryDto.prototype, "next_attempt_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: String,
        format: 'date-time',
        example: '2026-11-24T10:00:36.120Z',
    }),
    __metadata("design:type", Object)
], WebhookDeliveryDto.prototype, "delivered_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2026-11-24T10:00:01.002Z' }),
    __metadata("design:type", String)
], WebhookDeliveryDto.prototype, "created_at", void 0);
class JobWebhooksDto {
    job_id;
    webhook_url;
    webhook_events;
    deliveries;
}
exports.JobWebhooksDto = JobWebhooksDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    __metadata("design:type", String)
], JobWebhooksDto.prototype, "job_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        type: String,
        description: 'Where deliveries go (a password in it is masked); null if the job has no webhook.',
        example: 'https://studio.example.com/hooks/tracks',
    }),
    __metadata("design:type", Object)
], JobWebhooksDto.prototype, "webhook_url", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        enum: webhook_event_types_1.JOB_EVENT_TYPES,
        isArray: true,
        description: 'Event types delivered; null means every type.',
        example: ['job.status'],
    }),
    __metadata("design:type", Object)
], JobWebhooksDto.prototype, "webhook_events", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: [WebhookDeliveryDto],
        description: 'One delivery per event, oldest first.',
        example: [
            {
                id: 'msg_1040',
                event_id: 1040,
                event_type: 'job.status',
                status: 'DELIVERED',
                attempts: 1,
                last_status_code: 204,
                last_error: null,
                next_attempt_at: null,
                delivered_at: '2026-11-24T10:00:00.180Z',
                created_at: '2026-11-24T10:00:00.020Z',
            },
            {
                id: 'msg_1049',
                event_id: 1049,
                event_type: 'job.status',
                status: 'PENDING',
                attempts: 2,
                last_status_code: 503,
                last_error: 'receiver answered 503: upstream busy',
                next_attempt_at: '2026-11-24T10:01:05.000Z',
                delivered_at: null,
                created_at: '2026-11-24T10:00:31.500Z',
            },
        ],
    }),
    __metadata("design:type", Array)
], JobWebhooksDto.prototype, "deliveries", void 0);
//# sourceMappingURL=job-webhooks.dto.js.map