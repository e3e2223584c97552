import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { PIPELINE_QUEUE } from './pipeline.constants';
import { PipelineProducer } from './pipeline.producer';

/** The producer side of the pipeline queue: what the API needs of it. */
@Module({
  imports: [BullModule.registerQueue({ name: PIPELINE_QUEUE })],
  providers: [PipelineProducer],
  exports: [BullModule, PipelineProducer],
})
export class QueueModule {}
