import { Module } from '@nestjs/common';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { QueueModule } from '../pipeline/queue.module';
import { CancelSignals } from './cancel-signals';
import { CancelWatch } from './cancel-watch';
import { JobCancellation } from './job-cancellation.service';

/**
 * Where cancel happens: the user's request (`JobCancellation`), the signal between
 * processes (`CancelSignals`), and the worker's watch over the jobs it runs (`CancelWatch`).
 * The transitions in `src/jobs/state` make an accepted cancel win over every other write.
 */
@Module({
  imports: [QueueModule, JobsDataModule],
  providers: [CancelSignals, JobCancellation, CancelWatch],
  exports: [CancelSignals, JobCancellation, CancelWatch],
})
export class CancellationModule {}
