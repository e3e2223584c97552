import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { ServiceCapacity } from './capacity/service-capacity';
import { PIPELINE_QUEUE } from './pipeline.constants';
import { PipelineProducer } from './pipeline.producer';

/**
 * The producer side of the pipeline queue, and the services' lines whose hand-offs enqueue
 * jobs: what the API needs of them (create, cancel, where a job stands).
 */
@Module({
  imports: [BullModule.registerQueue({ name: PIPELINE_QUEUE }), JobsDataModule],
  providers: [PipelineProducer, ServiceCapacity],
  exports: [BullModule, PipelineProducer, ServiceCapacity],
})
export class QueueModule {}
