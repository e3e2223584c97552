import { Module } from '@nestjs/common';
import { JobDeletionModule } from './job-deletion.module';
import { RetentionService } from './retention.service';

/** Deletes finished jobs and their artifacts after RETENTION_DAYS (worker role). */
@Module({
  imports: [JobDeletionModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
