import { Module } from '@nestjs/common';
import { PreparedSql } from '../database/prepared-sql';
import { JobEventsNotifier } from './job-events.notifier';
import { JobsRepository } from './jobs.repository';

/** Data access for jobs, shared by the API and the pipeline. */
@Module({
  providers: [PreparedSql, JobsRepository, JobEventsNotifier],
  exports: [JobsRepository, JobEventsNotifier],
})
export class JobsDataModule {}
