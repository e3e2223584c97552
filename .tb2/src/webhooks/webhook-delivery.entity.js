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
exports.WebhookDelivery = exports.DeliveryStatus = void 0;
const typeorm_1 = require("typeorm");
var DeliveryStatus;
(function (DeliveryStatus) {
    DeliveryStatus["Pending"] = "PENDING";
    DeliveryStatus["Delivered"] = "DELIVERED";
    DeliveryStatus["Failed"] = "FAILED";
})(DeliveryStatus || (exports.DeliveryStatus = DeliveryStatus = {}));
let WebhookDelivery = class WebhookDelivery {
    id;
    jobId;
    job;
    eventId;
    eventType;
    url;
    payload;
    status;
    attempts;
    lastStatusCode;
    lastError;
    nextAttemptAt;
    createdAt;
    deliveredAt;
};
exports.WebhookDelivery = WebhookDelivery;
__decorate([
    (0, typeorm_1.PrimaryColumn)({
        type: 'varchar',
        length: 64,
        comment: 'The webhook-id header: stable across retries',
    }),
    __metadata("design:type", String)
], WebhookDelivery.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'job_id', type: 'uuid', comment: 'The job whose event this delivers' }),
    __metadata("design:type", String)
], WebhookDelivery.prototype, "jobId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)('Job', { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'job_id' }),
    __metadata("design:type", Function)
], WebhookDelivery.prototype, "job", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'event_id', type: 'bigint', comment: 'job_events.id this delivery carries' }),
    __metadata("design:type", String)
], WebhookDelivery.prototype, "eventId", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'event_type',
        type: 'varchar',
        length: 48,
        comment: 'job.status, step.started, ...',
    }),
    __metadata("design:type", String)
], WebhookDelivery.prototype, "eventType", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', comment: 'Receiver URL (credentials are masked in the API)' }),
    __metadata("design:type", String)
], WebhookDelivery.prototype, "url", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', comment: 'The exact body that is signed and sent' }),
    __metadata("design:type", Object)
], WebhookDelivery.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'enum',
        enum: DeliveryStatus,
        enumName: 'delivery_status',
        default: DeliveryStatus.Pending,
        comment: 'PENDING (due at next_attempt_at), DELIVERED or FAILED',
    }),
    __metadata("design:type", String)
], WebhookDelivery.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'int', default: 0, comment: 'Attempts made so far' }),
    __metadata("design:type", Number)
], WebhookDelivery.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'last_status_code',
        type: 'int',
        nullable: true,
        comment: 'HTTP status of the last attempt',
    }),
    __metadata("design:type", Object)
], WebhookDelivery.prototype, "lastStatusCode", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'last_error',
        type: 'text',
        nullable: true,
        comment: 'Why the last attempt failed',
    }),
    __metadata("design:type", Object)
], WebhookDelivery.prototype, "lastError", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'next_attempt_at',
        type: 'timestamptz',
        default: () => 'now()',
        comment: 'When the next attempt is due',
    }),
    __metadata("design:type", Date)
], WebhookDelivery.prototype, "nextAttemptAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'created_at',
        type: 'timestamptz',
        default: () => 'now()',
        comment: 'When the event was queued for delivery',
    }),
    __metadata("design:type", Date)
], WebhookDelivery.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        name: 'delivered_at',
        type: 'timestamptz',
        nullable: true,
        comment: 'When the receiver answered 2xx',
    }),
    __metadata("design:type", Object)
], WebhookDelivery.prototype, "deliveredAt", void 0);
exports.WebhookDelivery = WebhookDelivery = __decorate([
    (0, typeorm_1.Entity)({
        name: 'webhook_deliveries',
        comment: 'Signed webhook deliveries of job events, with retries',
    }),
    (0, typeorm_1.Index)('webhook_deliveries_job_idx', ['jobId', 'createdAt']),
    (0, typeorm_1.Index)('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: "status = 'PENDING'" })
], WebhookDelivery);
//# sourceMappingURL=webhook-delivery.entity.js.map