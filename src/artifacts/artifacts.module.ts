import { Module } from '@nestjs/common';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { ArtifactUrlsModule } from './artifact-urls.module';
import { ArtifactAccessGuard } from './artifact-access.guard';
import { ArtifactFiles } from './artifact-files';
import { ArtifactLinks } from './artifact-links';
import { ArtifactOwnersRepository } from './artifact-owners.repository';
import { ArtifactsController } from './artifacts.controller';
import { JobArtifactsController } from './job-artifacts.controller';
import { JobArtifactsService } from './job-artifacts.service';

/**
 * Downloads from ARTIFACTS_DIR (signed links or the owner's key), the per-job list of stems
 * and final track, and the link signer the job views use for `final_track_url`.
 */
@Module({
  imports: [JobsDataModule, ArtifactUrlsModule],
  controllers: [ArtifactsController, JobArtifactsController],
  providers: [
    ArtifactFiles,
    ArtifactLinks,
    ArtifactOwnersRepository,
    ArtifactAccessGuard,
    JobArtifactsService,
  ],
  exports: [ArtifactUrlsModule, ArtifactLinks],
})
export class ArtifactsModule {}
