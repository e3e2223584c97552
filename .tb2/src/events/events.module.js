"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventsModule = void 0;
const common_1 = require("@nestjs/common");
const jobs_data_module_1 = require("../jobs/jobs-data.module");
const job_event_feed_repository_1 = require("./job-event-feed.repository");
const job_event_hub_1 = require("./job-event-hub");
const job_events_controller_1 = require("./job-events.controller");
const job_events_stream_service_1 = require("./job-events-stream.service");
let EventsModule = class EventsModule {
};
exports.EventsModule = EventsModule;
exports.EventsModule = EventsModule = __decorate([
    (0, common_1.Module)({
        imports: [jobs_data_module_1.JobsDataModule],
        controllers: [job_events_controller_1.JobEventsController],
        providers: [job_event_feed_repository_1.JobEventFeedRepository, job_event_hub_1.JobEventHub, job_events_stream_service_1.JobEventsStreamService],
    })
], EventsModule);
//# sourceMappingURL=events.module.js.map