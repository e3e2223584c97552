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
exports.WebhookDeliveriesRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const webhook_delivery_entity_1 = require("./webhook-delivery.entity");
const CLAIM_SCAN = 1_000;
const ORIGIN_OF_URL = `regexp_replace(
           regexp_replace(lower(substring(d.url from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*')),
                          '^([a-z0-9+.-]+://).*@', '\\1'),
           '^(http://[^/]*):80$|^(https://[^/]*):443$', '\\1\\2')`;
let WebhookDeliveriesRepository = class WebhookDeliveriesRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async claimDue(limit, leaseMs, slots) {
        return this.db.query(`WITH candidates AS (
         SELECT d.id, d.next_attempt_at, j.owner, ${ORIGIN_OF_URL} AS origin
           FROM webhook_deliveries d JOIN jobs j ON j.id = d.job_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
            AND coalesce(($3::jsonb ->> j.owner)::int, 0) < $5
            AND coalesce(($4::jsonb ->> ${ORIGIN_OF_URL})::int, 0) < $6
          ORDER BY d.next_attempt_at LIMIT ${CLAIM_SCAN}),
       ranked AS (
         SELECT id, next_attempt_at, owner, origin,
                row_number() OVER (PARTITION BY owner ORDER BY next_attempt_at, id)
                  + coalesce(($3::jsonb ->> owner)::int, 0) AS owner_turn,
                row_number() OVER (PARTITION BY origin ORDER BY next_attempt_at, id)
                  + coalesce(($4::jsonb ->> origin)::int, 0) AS origin_turn
           FROM candidates),
       due AS (
         SELECT d.id, r.owner, r.origin
           FROM webhook_deliveries d JOIN ranked r ON r.id = d.id
          WHERE r.owner_turn <= $5 AND r.origin_turn <= $6
            AND d.status = 'PENDING' AND d.next_attempt_at <= now()
          ORDER BY r.owner_turn, r.next_attempt_at, r.id LIMIT $1
          FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d
            SET attempts = d.attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.job_id, d.event_type, d.url, d.payload, d.attempts, due.owner,
                   due.origin)
       SELECT * FROM claimed`, [
            limit,
            leaseMs,
            JSON.stringify(Object.fromEntries(slots.inFlightByOwner)),
            JSON.stringify(Object.fromEntries(slots.inFlightByOrigin)),
            slots.perOwner,
            slots.perOrigin,
        ]);
    }
    async recordAttempt(id, attempt, outcome) {
        const rows = await this.db.query(`WITH recorded AS (
         UPDATE webhook_deliveries
            SET status = $3::delivery_status, last_status_code = $4, last_error = $5,
                delivered_at = CASE WHEN $3 = 'DELIVERED' THEN now() END,
                next_attempt_at = CASE WHEN $3 = 'PENDING'
                                       THEN now() + make_interval(secs => $6::float8 / 1000)
                                       ELSE next_attempt_at END
          WHERE id = $1 AND attempts = $2 AND status = 'PENDING'
         RETURNING id)
       SELECT id FROM recorded`, [
            id,
            attempt,
            outcome.status,
            outcome.statusCode ?? null,
            outcome.status === webhook_delivery_entity_1.DeliveryStatus.Delivered ? null : outcome.error,
            outcome.status === webhook_delivery_entity_1.DeliveryStatus.Pending ? outcome.retryInMs : 0,
        ]);
        return rows.length === 1;
    }
    async findJobWebhook(jobId, owner) {
        const rows = await this.db.query(`SELECT webhook_url, webhook_events FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`, [jobId, owner ?? null]);
        return rows[0];
    }
    async listForJob(jobId, limit) {
        return this.db.query(`SELECT id, event_id::text AS event_id, event_type, status, attempts, last_status_code,
              last_error, next_attempt_at, delivered_at, created_at
         FROM webhook_deliveries WHERE job_id = $1
        ORDER BY created_at, event_id LIMIT $2`, [jobId, limit]);
    }
};
exports.WebhookDeliveriesRepository = WebhookDeliveriesRepository;
exports.WebhookDeliveriesRepository = WebhookDeliveriesRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], WebhookDeliveriesRepository);
//# sourceMappingURL=webhook-deliveries.repository.js.map