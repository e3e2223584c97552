import { Module } from '@nestjs/common';
import { PreparedSql } from '../database/prepared-sql';
import { JobEventsNotifier } from './job-events.notifier';
import { JobsRepository } from './jobs.repository';
import { JobChangeAnnouncer } from './state/job-change-announcer';
import { JobTransitions } from './state/job-transitions';

/** Data access for jobs, shared by the API and the pipeline: the read side and the state machine. */
@Module({
  providers: [PreparedSql, JobsRepository, JobEventsNotifier, JobChangeAnnouncer, JobTransitions],
  exports: [PreparedSql, JobsRepository, JobTransitions, JobEventsNotifier],
})
export class JobsDataModule {}
