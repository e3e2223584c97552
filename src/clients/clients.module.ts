import { Module } from '@nestjs/common';
import { HttpTransport } from './http-transport';
import { ReferenceTrackFetcher } from './reference-track.fetcher';
import { ServiceClients } from './service-client';
import { ServiceEndpoints } from './service-endpoints';

@Module({
  providers: [HttpTransport, ServiceEndpoints, ServiceClients, ReferenceTrackFetcher],
  exports: [ServiceEndpoints, ServiceClients, ReferenceTrackFetcher],
})
export class ClientsModule {}
