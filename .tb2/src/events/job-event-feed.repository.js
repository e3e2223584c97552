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
exports.JobEventFeedRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
let JobEventFeedRepository = class JobEventFeedRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async findJobStatus(jobId, owner) {
        const rows = await this.db.query(`SELECT status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`, [jobId, owner ?? null]);
        return rows[0]?.status;
    }
    async eventsAfter(jobId, afterId, limit) {
        return this.db.query(`SELECT id::text AS id, job_id, type, data, created_at
         FROM job_events WHERE job_id = $1 AND id > $2::bigint ORDER BY id LIMIT $3`, [jobId, afterId, limit]);
    }
    async eventsAfterEach(afterIds, limit) {
        return this.db.query(`SELECT e.id::text AS id, e.job_id, e.type, e.data, e.created_at
         FROM unnest($1::uuid[], $2::bigint[]) AS w(job_id, after_id)
         CROSS JOIN LATERAL (
           SELECT id, job_id, type, data, created_at FROM job_events
            WHERE job_id = w.job_id AND id > w.after_id ORDER BY id LIMIT $3) e
        ORDER BY e.job_id, e.id`, [[...afterIds.keys()], [...afterIds.values()], limit]);
    }
};
exports.JobEventFeedRepository = JobEventFeedRepository;
exports.JobEventFeedRepository = JobEventFeedRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], JobEventFeedRepository);
//# sourceMappingURL=job-event-feed.repository.js.map