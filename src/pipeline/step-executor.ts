import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../clients/http-transport';
import { ReferenceTrackFetcher } from '../clients/reference-track.fetcher';
import { ServiceClients } from '../clients/service-client';
import type { Fence } from '../jobs/state/types';
import { LocalToolsFactory } from './local-tools';
import type { Step } from './steps';

/** Runs one step as its file declares: with its service's client, or locally. */
@Injectable()
export class StepExecutor {
  constructor(
    private readonly clients: ServiceClients,
    private readonly referenceTracks: ReferenceTrackFetcher,
    private readonly localTools: LocalToolsFactory,
  ) {}

  /** `fence` is the run's: what a local step records through its tools is fenced by it. */
  execute(step: Step, input: unknown, options: CallOptions, fence: Fence): Promise<unknown> {
    if (step.service === undefined)
      return step.run(input, { options, tools: this.localTools.for(fence) });
    return step.run(input, {
      service: this.clients.for(step),
      fetchReferenceTrack: (url, fetchOptions) => this.referenceTracks.fetch(url, fetchOptions),
      options,
    });
  }
}
