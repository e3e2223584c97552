import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobFileRemover } from './job-file-remover';
import { JobDeletionOutcome, RetentionRepository } from './retention.repository';

/**
 * Deletes one finished job at its owner's request (`DELETE /jobs/{id}`): the same removal
 * as retention's, rows and files, for one job and without waiting for RETENTION_DAYS.
 */
@Injectable()
export class JobDeletion {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: RetentionRepository,
    private readonly files: JobFileRemover,
  ) {}

  async deleteFinished(jobId: string, owner: string | undefined): Promise<JobDeletionOutcome> {
    return this.jobs.deleteFinishedJob(this.db.manager, jobId, owner, (jobs) =>
      this.files.remove(jobs),
    );
  }
}
