"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENTITIES = void 0;
exports.typeormOptions = typeormOptions;
const node_path_1 = require("node:path");
const operator_views_1 = require("../admin/operator-views");
const api_key_entity_1 = require("../auth/api-key.entity");
const job_event_entity_1 = require("../jobs/entities/job-event.entity");
const job_step_entity_1 = require("../jobs/entities/job-step.entity");
const job_entity_1 = require("../jobs/entities/job.entity");
const webhook_delivery_entity_1 = require("../webhooks/webhook-delivery.entity");
exports.ENTITIES = [
    job_entity_1.Job,
    job_step_entity_1.JobStep,
    job_event_entity_1.JobEvent,
    webhook_delivery_entity_1.WebhookDelivery,
    api_key_entity_1.ApiKey,
    operator_views_1.JobsPerStatusHourly,
    operator_views_1.StepStatsLastDay,
    operator_views_1.SlowestJobs,
    operator_views_1.ServiceLine,
];
function typeormOptions(databaseUrl, poolSize = 10) {
    return {
        type: 'postgres',
        url: databaseUrl,
        entities: exports.ENTITIES,
        migrations: [(0, node_path_1.join)(__dirname, '..', '..', 'migrations', '*.js')],
        migrationsTableName: 'migrations',
        migrationsTransactionMode: 'all',
        synchronize: false,
        migrationsRun: false,
        logging: ['error'],
        extra: {
            max: poolSize,
            connectionTimeoutMillis: 3_000,
            query_timeout: 15_000,
            application_name: 'track-orchestrator',
        },
    };
}
//# sourceMappingURL=typeorm-options.js.map