import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { ClientsModule } from '../clients/clients.module';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { CancelSignals } from './cancel-signals';
import { PIPELINE_QUEUE } from './pipeline.constants';
import { PipelineProducer } from './pipeline.producer';
import { PipelineRunner } from './pipeline.runner';
import { PipelineWorker } from './pipeline.worker';
import { Reconciler } from './reconciler.service';
import { RetrySchedule } from './retry-schedule.repository';
import { StepExecutor } from './step-executor';

@Module({
  imports: [BullModule.registerQueue({ name: PIPELINE_QUEUE }), ClientsModule, JobsDataModule],
  providers: [
    PipelineProducer,
    CancelSignals,
    StepExecutor,
    ArtifactUrls,
    PipelineRunner,
    PipelineWorker,
    Reconciler,
    RetrySchedule,
  ],
  exports: [PipelineProducer, CancelSignals, ArtifactUrls, Reconciler],
})
export class PipelineModule {}
