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
exports.RetrySchedule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
let RetrySchedule = class RetrySchedule {
    db;
    constructor(db) {
        this.db = db;
    }
    async remainingBackoffMs(jobIds) {
        if (jobIds.length === 0)
            return new Map();
        const rows = await this.db.query(`SELECT j.id, ceil(extract(epoch FROM r.due_at - now()) * 1000)::int AS remaining_ms
         FROM jobs j
         JOIN job_steps s ON s.job_id = j.id AND s.status = 'RETRYING'
         CROSS JOIN LATERAL (
           SELECT e.created_at + make_interval(secs => (e.data->>'retry_in_ms')::float8 / 1000) AS due_at
             FROM job_events e
            WHERE e.job_id = j.id AND e.type = 'step.retrying' AND e.data->>'step' = s.step
            ORDER BY e.id DESC LIMIT 1) r
        WHERE j.id = ANY($1::uuid[]) AND j.status = 'PROCESSING' AND r.due_at > now()`, [jobIds]);
        return new Map(rows.map((r) => [r.id, r.remaining_ms]));
    }
};
exports.RetrySchedule = RetrySchedule;
exports.RetrySchedule = RetrySchedule = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], RetrySchedule);
//# sourceMappingURL=retry-schedule.repository.js.map