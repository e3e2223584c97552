import { Module } from '@nestjs/common';
import { ArtifactUrls } from './artifact-urls';

/** Where artifacts are downloaded: shared by the API, the pipeline and retention. */
@Module({ providers: [ArtifactUrls], exports: [ArtifactUrls] })
export class ArtifactUrlsModule {}
