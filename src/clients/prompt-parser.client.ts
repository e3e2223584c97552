import { Injectable } from '@nestjs/common';
import { parsePromptSpec, PromptSpec } from './contracts';
import { CallOptions, HttpTransport } from './http-transport';
import { ServiceEndpoints } from './service-endpoints';

@Injectable()
export class PromptParserClient {
  static readonly service = 'prompt-parser';

  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoints: ServiceEndpoints,
  ) {}

  parse(request: { prompt: string }, options: CallOptions): Promise<PromptSpec> {
    const url = this.endpoints.urlFor('parse_prompt');
    return this.transport.postJson(
      PromptParserClient.service,
      url,
      request,
      parsePromptSpec,
      options,
    );
  }
}
