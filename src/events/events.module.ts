import { Module } from '@nestjs/common';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { JobEventFeedRepository } from './job-event-feed.repository';
import { JobEventHub } from './job-event-hub';
import { JobEventsController } from './job-events.controller';
import { JobEventsStreamService } from './job-events-stream.service';

/** `GET /jobs/{id}/events`: a job's events as Server-Sent Events. */
@Module({
  imports: [JobsDataModule],
  controllers: [JobEventsController],
  providers: [JobEventFeedRepository, JobEventHub, JobEventsStreamService],
})
export class EventsModule {}
