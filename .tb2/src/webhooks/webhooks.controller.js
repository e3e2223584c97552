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
exports.WebhooksController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const job_responses_dto_1 = require("../jobs/dto/job-responses.dto");
const job_webhooks_dto_1 = require("./dto/job-webhooks.dto");
const webhooks_service_1 = require("./webhooks.service");
const DELIVERY_DOC = [
    'Every event of a job created with a `webhook_url` is POSTed there as JSON, signed per [Standard Webhooks](https://www.standardwebhooks.com):',
    '',
    '```http',
    'POST /hooks/tracks HTTP/1.1',
    'content-type: application/json',
    'webhook-id: msg_1049',
    'webhook-timestamp: 1795000000',
    'webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
    '',
    '{"type":"job.status","timestamp":"2026-11-24T10:00:31.500Z","data":{"job_id":"5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10","status":"SUCCESS"}}',
    '```',
    '',
    "`webhook-signature` is `v1,` + base64 of HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the server's `WEBHOOK_SECRET` after `whsec_`; any Standard Webhooks library verifies it. Answer 2xx within 5 s; anything else is retried with backoff (same `webhook-id`, fresh timestamp and signature), 410 stops retries. Deliveries are not ordered and may repeat: order by the number in `webhook-id` and drop ids already seen.",
].join('\n');
let WebhooksController = class WebhooksController {
    webhooks;
    constructor(webhooks) {
        this.webhooks = webhooks;
    }
    list(jobId, principal) {
        return this.webhooks.listForJob(jobId, (0, principal_1.ownerScope)(principal));
    }
};
exports.WebhooksController = WebhooksController;
__decorate([
    (0, common_1.Get)('jobs/:job_id/webhooks'),
    (0, swagger_1.ApiOperation)({
        summary: "A job's webhook deliveries and their attempts",
        description: DELIVERY_DOC,
    }),
    (0, swagger_1.ApiParam)({ name: 'job_id', format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' }),
    (0, swagger_1.ApiOkResponse)({ type: job_webhooks_dto_1.JobWebhooksDto }),
    (0, swagger_1.ApiNotFoundResponse)({ type: job_responses_dto_1.ErrorResponseDto, description: '`{"detail": "Job not found"}`' }),
    __param(0, (0, common_1.Param)('job_id')),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "list", null);
exports.WebhooksController = WebhooksController = __decorate([
    (0, swagger_1.ApiTags)('webhooks'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [webhooks_service_1.WebhooksService])
], WebhooksController);
//# sourceMappingURL=webhooks.controller.js.map