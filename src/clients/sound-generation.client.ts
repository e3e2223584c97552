import { Injectable } from '@nestjs/common';
import { GeneratedStems, parseGeneratedStems, PromptSpec, StyleFeatures } from './contracts';
import { CallOptions, HttpTransport } from './http-transport';
import { ServiceEndpoints } from './service-endpoints';

export interface GenerateRequest {
  prompt_spec: Omit<PromptSpec, 'style_references'> & { style_references?: string[] };
  style_features?: StyleFeatures | null;
}

@Injectable()
export class SoundGenerationClient {
  static readonly service = 'sound-generation';

  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoints: ServiceEndpoints,
  ) {}

  generate(request: GenerateRequest, options: CallOptions): Promise<GeneratedStems> {
    const url = this.endpoints.urlFor('generate_sound');
    return this.transport.postJson(
      SoundGenerationClient.service,
      url,
      request,
      parseGeneratedStems,
      options,
    );
  }
}
