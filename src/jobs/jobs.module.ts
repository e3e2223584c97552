import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { CancellationModule } from '../cancellation/cancellation.module';
import { QueueModule } from '../pipeline/queue.module';
import { JobDeletionModule } from '../retention/job-deletion.module';
import { JobsController } from './jobs.controller';
import { JobsDataModule } from './jobs-data.module';
import { JobsService } from './jobs.service';

@Module({
  imports: [JobsDataModule, QueueModule, CancellationModule, ArtifactsModule, JobDeletionModule],
  controllers: [JobsController],
  providers: [JobsService],
})
export class JobsModule {}
