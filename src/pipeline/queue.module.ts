import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { CancelSignals } from './cancel-signals';
import { PIPELINE_QUEUE } from './pipeline.constants';
import { PipelineProducer } from './pipeline.producer';

/** The producer side of the pipeline queue and the cancel signals: what the API needs of it. */
@Module({
  imports: [BullModule.registerQueue({ name: PIPELINE_QUEUE })],
  providers: [PipelineProducer, CancelSignals],
  exports: [BullModule, PipelineProducer, CancelSignals],
})
export class QueueModule {}
