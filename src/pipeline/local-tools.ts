import { Injectable, Logger } from '@nestjs/common';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { AppConfig } from '../config/app-config';
import { JobTransitions } from '../jobs/state/job-transitions';
import type { Fence } from '../jobs/state/types';
import type { LocalTools } from './steps/step-definition';

/** Makes what a local step of one run gets: the files, the settings, the run's own writes. */
@Injectable()
export class LocalToolsFactory {
  private readonly logger = new Logger('QualityCheck');

  constructor(
    private readonly artifacts: ArtifactUrls,
    private readonly config: AppConfig,
    private readonly jobs: JobTransitions,
  ) {}

  for(fence: Fence): LocalTools {
    return {
      fileInArtifacts: (location) => this.artifacts.fileInArtifacts(location),
      mixerOwned: this.config.mixerOwned,
      recordQuality: async (report) => {
        const write = await this.jobs.recordQuality(fence, report);
        this.logger.log({
          job_id: fence.jobId,
          step: 'check_quality',
          verdict: report.verdict,
          problems: report.problems,
          recorded: write === 'written',
          msg: 'Quality checked',
        });
      },
    };
  }
}
