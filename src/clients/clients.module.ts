import { Module } from '@nestjs/common';
import { HttpTransport } from './http-transport';
import { MixingMasteringClient } from './mixing-mastering.client';
import { PromptParserClient } from './prompt-parser.client';
import { ReferenceTrackFetcher } from './reference-track.fetcher';
import { ServiceEndpoints } from './service-endpoints';
import { SoundGenerationClient } from './sound-generation.client';
import { StyleAnalysisClient } from './style-analysis.client';

const CLIENTS = [
  PromptParserClient,
  StyleAnalysisClient,
  SoundGenerationClient,
  MixingMasteringClient,
  ReferenceTrackFetcher,
];

@Module({
  providers: [HttpTransport, ServiceEndpoints, ...CLIENTS],
  exports: [ServiceEndpoints, ...CLIENTS],
})
export class ClientsModule {}
