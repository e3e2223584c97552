import { Injectable } from '@nestjs/common';
import { parseStyleFeatures, StyleFeatures } from './contracts';
import { CallOptions, HttpTransport } from './http-transport';
import { ServiceEndpoints } from './service-endpoints';

export interface AudioFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

@Injectable()
export class StyleAnalysisClient {
  static readonly service = 'style-analysis';

  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoints: ServiceEndpoints,
  ) {}

  analyze(file: AudioFile, options: CallOptions): Promise<StyleFeatures> {
    const url = this.endpoints.urlFor('analyze_style');
    return this.transport.postFile(
      StyleAnalysisClient.service,
      url,
      file,
      parseStyleFeatures,
      options,
    );
  }
}
