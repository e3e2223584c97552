import { Module } from '@nestjs/common';
import { ArtifactUrlsModule } from '../artifacts/artifact-urls.module';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** Deletes finished jobs and their artifacts after RETENTION_DAYS (worker role). */
@Module({
  imports: [ArtifactUrlsModule],
  providers: [RetentionRepository, RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
