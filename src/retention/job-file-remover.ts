import { Injectable, Logger } from '@nestjs/common';
import { unlink } from 'node:fs/promises';
import { ArtifactUrls } from '../artifacts/artifact-urls';
import { artifactSources, StepOutput } from '../artifacts/job-artifacts';

/** A finished job about to be deleted, with the step checkpoints that name its files. */
export interface JobWithFiles {
  id: string;
  final_track_url: string | null;
  /** The checkpoints of the steps that produce artifacts. */
  steps: StepOutput[];
}

export interface RemovedFiles {
  /** The jobs none of whose files is left: their rows may go. */
  removable: string[];
  /** Files deleted (a file already gone is not counted). */
  files: number;
}

/**
 * Deletes the stems and final tracks of jobs that are being deleted (by retention or at
 * their owner's request). Only files in ARTIFACTS_DIR: files on a service's own volume and
 * URLs of remote services are left alone. A job with a file that could not be deleted is
 * kept, so no file outlives the row that names it.
 */
@Injectable()
export class JobFileRemover {
  private readonly logger = new Logger(JobFileRemover.name);

  constructor(private readonly urls: ArtifactUrls) {}

  async remove(jobs: readonly JobWithFiles[]): Promise<RemovedFiles> {
    const removed: RemovedFiles = { removable: [], files: 0 };
    for (const job of jobs) {
      const files = this.filesOf(job);
      const outcomes = await Promise.allSettled(files.map((file) => removeFile(file)));
      let kept = false;
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') {
          if (outcome.value) removed.files++;
          continue;
        }
        kept = true;
        this.logger.warn({
          job_id: job.id,
          file: files[index],
          msg: 'Could not delete an artifact; the job is kept until it can be',
          err: String(outcome.reason),
        });
      }
      if (!kept) removed.removable.push(job.id);
    }
    return removed;
  }

  /** The job's stems and final track that lie in ARTIFACTS_DIR, each once. */
  private filesOf(job: JobWithFiles): string[] {
    const files = artifactSources(job.steps, job.final_track_url)
      .map((source) => this.urls.fileInArtifacts(source.location))
      .filter((file) => file !== undefined);
    return [...new Set(files)];
  }
}

/** True when the file was deleted, false when it was already gone. */
async function removeFile(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
