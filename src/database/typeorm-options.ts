import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import {
  JobsPerStatusHourly,
  ServiceLine,
  SlowestJobs,
  StepStatsLastDay,
} from '../admin/operator-views';
import { ApiKey } from '../auth/api-key.entity';
import { JobEvent } from '../jobs/entities/job-event.entity';
import { JobStep } from '../jobs/entities/job-step.entity';
import { Job } from '../jobs/entities/job.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { ListeningClient } from './listening-client';

export const ENTITIES = [
  Job,
  JobStep,
  JobEvent,
  WebhookDelivery,
  ApiKey,
  JobsPerStatusHourly,
  StepStatsLastDay,
  SlowestJobs,
  ServiceLine,
];

/** One definition for the app, the migration CLI and the tests: no schema sync, ever. */
export function typeormOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.js')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      // Every pooled connection hears its own errors (see ListeningClient).
      Client: ListeningClient,
      max: poolSize,
      connectionTimeoutMillis: 3_000,
      // A dead database must fail a query quickly, not hang a request.
      query_timeout: 15_000,
      application_name: 'track-orchestrator',
    },
  };
}
