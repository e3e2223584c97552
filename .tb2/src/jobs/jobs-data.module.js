"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobsDataModule = void 0;
const common_1 = require("@nestjs/common");
const prepared_sql_1 = require("../database/prepared-sql");
const job_events_notifier_1 = require("./job-events.notifier");
const jobs_repository_1 = require("./jobs.repository");
const job_change_announcer_1 = require("./state/job-change-announcer");
const job_transitions_1 = require("./state/job-transitions");
let JobsDataModule = class JobsDataModule {
};
exports.JobsDataModule = JobsDataModule;
exports.JobsDataModule = JobsDataModule = __decorate([
    (0, common_1.Module)({
        providers: [prepared_sql_1.PreparedSql, jobs_repository_1.JobsRepository, job_events_notifier_1.JobEventsNotifier, job_change_announcer_1.JobChangeAnnouncer, job_transitions_1.JobTransitions],
        exports: [prepared_sql_1.PreparedSql, jobs_repository_1.JobsRepository, job_transitions_1.JobTransitions, job_events_notifier_1.JobEventsNotifier],
    })
], JobsDataModule);
//# sourceMappingURL=jobs-data.module.js.map