import { Injectable } from '@nestjs/common';
import type { StepName } from '../config/app-config';
import type { CallOptions } from '../clients/http-transport';
import { MixingMasteringClient } from '../clients/mixing-mastering.client';
import { PromptParserClient } from '../clients/prompt-parser.client';
import { ReferenceTrackFetcher } from '../clients/reference-track.fetcher';
import { SoundGenerationClient } from '../clients/sound-generation.client';
import { StyleAnalysisClient } from '../clients/style-analysis.client';
import type { StepInputs, StepOutputs } from './step-catalogue';

/** Performs one step's calls; knows which client serves which step and nothing else. */
@Injectable()
export class StepExecutor {
  constructor(
    private readonly promptParser: PromptParserClient,
    private readonly referenceTracks: ReferenceTrackFetcher,
    private readonly styleAnalysis: StyleAnalysisClient,
    private readonly soundGeneration: SoundGenerationClient,
    private readonly mixing: MixingMasteringClient,
  ) {}

  async execute<S extends StepName>(
    step: S,
    input: StepInputs[S],
    options: CallOptions,
  ): Promise<StepOutputs[S]> {
    return (await this.dispatch(step, input, options)) as StepOutputs[S];
  }

  private async dispatch(
    step: StepName,
    input: StepInputs[StepName],
    options: CallOptions,
  ): Promise<unknown> {
    switch (step) {
      case 'parse_prompt':
        return this.promptParser.parse(input as StepInputs['parse_prompt'], options);
      case 'analyze_style': {
        const { reference_track_url: url } = input as StepInputs['analyze_style'];
        const file = await this.referenceTracks.fetch(url, { signal: options.signal });
        return this.styleAnalysis.analyze(file, options);
      }
      case 'generate_sound':
        return this.soundGeneration.generate(input as StepInputs['generate_sound'], options);
      case 'mix_master':
        return this.mixing.process(input as StepInputs['mix_master'], options);
    }
  }
}
