import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** Deletes finished jobs and their artifacts after RETENTION_DAYS (worker role). */
@Module({
  imports: [ArtifactsModule],
  providers: [RetentionRepository, RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
