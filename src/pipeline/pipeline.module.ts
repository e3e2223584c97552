import { Module } from '@nestjs/common';
import { ArtifactUrlsModule } from '../artifacts/artifact-urls.module';
import { CancellationModule } from '../cancellation/cancellation.module';
import { ClientsModule } from '../clients/clients.module';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { PipelineRunner } from './pipeline.runner';
import { PipelineWorker } from './pipeline.worker';
import { QueueModule } from './queue.module';
import { Reconciler } from './reconciler.service';
import { RetrySchedule } from './retry-schedule.repository';
import { RunFailures } from './run-failures';
import { StepExecutor } from './step-executor';
import { LocalToolsFactory } from './local-tools';

/** The worker side: the Bull processor, the runner and its steps, and the reconciler. */
@Module({
  imports: [QueueModule, CancellationModule, ClientsModule, JobsDataModule, ArtifactUrlsModule],
  providers: [
    LocalToolsFactory,
    StepExecutor,
    PipelineRunner,
    RunFailures,
    PipelineWorker,
    Reconciler,
    RetrySchedule,
  ],
  exports: [Reconciler],
})
export class PipelineModule {}
