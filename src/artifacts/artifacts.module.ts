import { Module } from '@nestjs/common';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { ArtifactFiles } from './artifact-files';
import { ArtifactUrls } from './artifact-urls';
import { ArtifactsController } from './artifacts.controller';
import { JobArtifactsController } from './job-artifacts.controller';
import { JobArtifactsService } from './job-artifacts.service';

/** Downloads from ARTIFACTS_DIR and the per-job list of stems and final track. */
@Module({
  imports: [JobsDataModule],
  controllers: [ArtifactsController, JobArtifactsController],
  providers: [ArtifactUrls, ArtifactFiles, JobArtifactsService],
  exports: [ArtifactUrls],
})
export class ArtifactsModule {}
