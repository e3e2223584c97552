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
exports.JobsRepository = void 0;
const common_1 = require("@nestjs/common");
const prepared_sql_1 = require("../database/prepared-sql");
const job_list_query_1 = require("./job-list.query");
const sql_fragments_1 = require("./state/sql-fragments");
let JobsRepository = class JobsRepository {
    sql;
    constructor(sql) {
        this.sql = sql;
    }
    async findByIdempotencyKey(owner, key) {
        const rows = await this.sql.prepared(`SELECT id, request_fingerprint FROM jobs WHERE owner = $1 AND idempotency_key = $2`, [owner, key]);
        return rows[0];
    }
    async findJob(id, owner) {
        const rows = await this.sql.prepared(`SELECT ${job_list_query_1.SUMMARY_COLUMNS}, ${sql_fragments_1.STEPS_JSON} AS steps
         FROM jobs j WHERE j.id = $1 AND ($2::text IS NULL OR j.owner = $2)`, [id, owner ?? null]);
        return rows[0];
    }
    async listJobs(filter) {
        const { sql, params } = (0, job_list_query_1.jobListQuery)(filter);
        const rows = await this.sql.planned(sql, params);
        const more = rows.length > filter.limit;
        const page = more ? rows.slice(0, filter.limit) : rows;
        const last = page.at(-1);
        return {
            jobs: page.map(({ position: _position, ...job }) => job),
            next: more && last ? { createdAt: last.position, id: last.id } : null,
        };
    }
    async cancelRequestedAmong(jobIds) {
        const rows = await this.sql.planned(`SELECT id FROM jobs WHERE id = ANY($1::uuid[]) AND cancel_requested_at IS NOT NULL`, [jobIds]);
        return rows.map((r) => r.id);
    }
    async findUnfinished(olderThanMs, limit, after) {
        return this.sql.planned(`SELECT id, created_at FROM jobs
        WHERE finished_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
          AND ($3::timestamptz IS NULL OR (created_at, id) > ($3, $4::uuid))
        ORDER BY created_at, id LIMIT $2`, [olderThanMs, limit, after?.created_at ?? null, after?.id ?? null]);
    }
    async stillUnfinishedAndIdle(jobIds, leaseMs) {
        if (jobIds.length === 0)
            return [];
        return this.sql.planned(`SELECT id, CASE WHEN queued_at IS NOT NULL THEN current_step END AS waiting_step FROM jobs
        WHERE id = ANY($1::uuid[]) AND finished_at IS NULL
          AND (status = 'PENDING' OR updated_at < now() - make_interval(secs => $2::float8 / 1000))`, [jobIds, leaseMs]);
    }
};
exports.JobsRepository = JobsRepository;
exports.JobsRepository = JobsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [prepared_sql_1.PreparedSql])
], JobsRepository);
//# sourceMappingURL=jobs.repository.js.map