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
exports.ServiceLine = exports.SlowestJobs = exports.StepStatsLastDay = exports.JobsPerStatusHourly = void 0;
const typeorm_1 = require("typeorm");
const steps_1 = require("../pipeline/steps");
let JobsPerStatusHourly = class JobsPerStatusHourly {
    hour;
    status;
    jobs;
};
exports.JobsPerStatusHourly = JobsPerStatusHourly;
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Date)
], JobsPerStatusHourly.prototype, "hour", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], JobsPerStatusHourly.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], JobsPerStatusHourly.prototype, "jobs", void 0);
exports.JobsPerStatusHourly = JobsPerStatusHourly = __decorate([
    (0, typeorm_1.ViewEntity)({
        name: 'jobs_per_status_hourly',
        expression: `
    SELECT date_trunc('hour', created_at) AS hour, status, count(*)::int AS jobs
      FROM jobs
     GROUP BY 1, 2`,
    })
], JobsPerStatusHourly);
let StepStatsLastDay = class StepStatsLastDay {
    step;
    runs;
    failed;
    failure_rate;
    attempts;
    p50_ms;
    p95_ms;
    p99_ms;
};
exports.StepStatsLastDay = StepStatsLastDay;
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], StepStatsLastDay.prototype, "step", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], StepStatsLastDay.prototype, "runs", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], StepStatsLastDay.prototype, "failed", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], StepStatsLastDay.prototype, "failure_rate", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], StepStatsLastDay.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], StepStatsLastDay.prototype, "p50_ms", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], StepStatsLastDay.prototype, "p95_ms", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], StepStatsLastDay.prototype, "p99_ms", void 0);
exports.StepStatsLastDay = StepStatsLastDay = __decorate([
    (0, typeorm_1.ViewEntity)({
        name: 'step_stats_last_day',
        expression: `
    SELECT s.step,
           count(*)::int AS runs,
           count(*) FILTER (WHERE s.status = 'FAILED')::int AS failed,
           round(count(*) FILTER (WHERE s.status = 'FAILED')::numeric / NULLIF(count(*), 0), 4) AS failure_rate,
           sum(s.attempts)::int AS attempts,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.duration_ms) AS p50_ms,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ms) AS p95_ms,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY s.duration_ms) AS p99_ms
      FROM job_steps s
     WHERE s.started_at > now() - interval '1 day'
     GROUP BY s.step`,
    })
], StepStatsLastDay);
let SlowestJobs = class SlowestJobs {
    id;
    status;
    prompt;
    created_at;
    finished_at;
    total_ms;
};
exports.SlowestJobs = SlowestJobs;
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], SlowestJobs.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], SlowestJobs.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], SlowestJobs.prototype, "prompt", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Date)
], SlowestJobs.prototype, "created_at", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Date)
], SlowestJobs.prototype, "finished_at", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], SlowestJobs.prototype, "total_ms", void 0);
exports.SlowestJobs = SlowestJobs = __decorate([
    (0, typeorm_1.ViewEntity)({
        name: 'slowest_jobs',
        expression: `
    SELECT id, status, prompt, created_at, finished_at,
           extract(epoch FROM finished_at - created_at) * 1000 AS total_ms
      FROM jobs
     WHERE finished_at IS NOT NULL AND created_at > now() - interval '7 days'
     ORDER BY finished_at - created_at DESC
     LIMIT 100`,
    })
], SlowestJobs);
const SERVICE_OF_STEP = `CASE w.step ${steps_1.STEP_LIST.flatMap((step) => step.service ? [`WHEN '${step.name}' THEN '${step.service.name}'`] : []).join(' ')} END`;
let ServiceLine = class ServiceLine {
    service;
    step;
    job_id;
    owner;
    priority;
    queued_at;
    position;
};
exports.ServiceLine = ServiceLine;
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], ServiceLine.prototype, "service", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], ServiceLine.prototype, "step", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], ServiceLine.prototype, "job_id", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], ServiceLine.prototype, "owner", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", String)
], ServiceLine.prototype, "priority", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Date)
], ServiceLine.prototype, "queued_at", void 0);
__decorate([
    (0, typeorm_1.ViewColumn)(),
    __metadata("design:type", Number)
], ServiceLine.prototype, "position", void 0);
exports.ServiceLine = ServiceLine = __decorate([
    (0, typeorm_1.ViewEntity)({
        name: 'service_line',
        expression: `
    WITH w AS (
      SELECT j.id AS job_id, j.owner, j.priority, j.queued_at, j.current_step AS step,
             row_number() OVER (PARTITION BY j.current_step, j.owner
                                ORDER BY j.priority, j.queued_at, j.id) AS turn,
             min(j.queued_at) OVER (PARTITION BY j.current_step, j.owner) AS owner_since
        FROM jobs j
       WHERE j.queued_at IS NOT NULL AND j.status = 'PROCESSING')
    SELECT ${SERVICE_OF_STEP} AS service, w.step, w.job_id, w.owner, w.priority, w.queued_at,
           row_number() OVER (PARTITION BY w.step ORDER BY w.turn, w.owner_since, w.owner)::int AS position
      FROM w`,
    })
], ServiceLine);
//# sourceMappingURL=operator-views.js.map