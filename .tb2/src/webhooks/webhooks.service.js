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
exports.WebhooksService = void 0;
exports.maskUrlPassword = maskUrlPassword;
const common_1 = require("@nestjs/common");
const job_id_1 = require("../jobs/job-id");
const jobs_errors_1 = require("../jobs/jobs.errors");
const webhook_deliveries_repository_1 = require("./webhook-deliveries.repository");
const webhook_delivery_entity_1 = require("./webhook-delivery.entity");
const MAX_LISTED = 1_000;
function maskUrlPassword(url) {
    try {
        const parsed = new URL(url);
        if (!parsed.password)
            return url;
        parsed.password = '***';
        return parsed.toString();
    }
    catch {
        return url;
    }
}
let WebhooksService = class WebhooksService {
    deliveries;
    constructor(deliveries) {
        this.deliveries = deliveries;
    }
    async listForJob(jobId, owner) {
        const job = (0, job_id_1.isJobId)(jobId) ? await this.deliveries.findJobWebhook(jobId, owner) : undefined;
        if (!job)
            throw new jobs_errors_1.JobNotFoundError();
        const rows = job.webhook_url ? await this.deliveries.listForJob(jobId, MAX_LISTED) : [];
        return {
            job_id: jobId.toLowerCase(),
            webhook_url: job.webhook_url === null ? null : maskUrlPassword(job.webhook_url),
            webhook_events: job.webhook_events,
            deliveries: rows.map((row) => ({
                id: row.id,
                event_id: Number(row.event_id),
                event_type: row.event_type,
                status: row.status,
                attempts: row.attempts,
                last_status_code: row.last_status_code,
                last_error: row.last_error,
                next_attempt_at: row.status === webhook_delivery_entity_1.DeliveryStatus.Pending ? row.next_attempt_at.toISOString() : null,
                delivered_at: row.delivered_at?.toISOString() ?? null,
                created_at: row.created_at.toISOString(),
            })),
        };
    }
};
exports.WebhooksService = WebhooksService;
exports.WebhooksService = WebhooksService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [webhook_deliveries_repository_1.WebhookDeliveriesRepository])
], WebhooksService);
//# sourceMappingURL=webhooks.service.js.map