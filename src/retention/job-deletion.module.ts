import { Module } from '@nestjs/common';
import { ArtifactUrlsModule } from '../artifacts/artifact-urls.module';
import { JobDeletion } from './job-deletion.service';
import { JobFileRemover } from './job-file-remover';
import { RetentionRepository } from './retention.repository';

/**
 * The removal of jobs with their files, shared by the retention sweep (worker) and
 * `DELETE /jobs/{id}` (API), without the sweep's timer.
 */
@Module({
  imports: [ArtifactUrlsModule],
  providers: [RetentionRepository, JobFileRemover, JobDeletion],
  exports: [RetentionRepository, JobFileRemover, JobDeletion],
})
export class JobDeletionModule {}
