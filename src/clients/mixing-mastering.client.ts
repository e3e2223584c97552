import { Injectable } from '@nestjs/common';
import { MasteredTrack, parseMasteredTrack } from './contracts';
import { CallOptions, HttpTransport } from './http-transport';
import { ServiceEndpoints } from './service-endpoints';

@Injectable()
export class MixingMasteringClient {
  static readonly service = 'mixing-mastering';

  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoints: ServiceEndpoints,
  ) {}

  process(request: { stem_paths: string[] }, options: CallOptions): Promise<MasteredTrack> {
    const url = this.endpoints.urlFor('mix_master');
    return this.transport.postJson(
      MixingMasteringClient.service,
      url,
      request,
      parseMasteredTrack,
      options,
    );
  }
}
