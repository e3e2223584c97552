import { Injectable } from '@nestjs/common';
import { isJobId } from '../jobs/job-id';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { JobStatus } from '../jobs/job-status';
import { JobNotFoundError } from '../jobs/jobs.errors';
import { JobsRepository } from '../jobs/jobs.repository';
import { ArtifactUrls } from './artifact-urls';
import { contentTypeFor } from './content-types';
import { ArtifactKind } from './artifact-kind';
import { ArtifactSource, artifactSources } from './job-artifacts';

export interface Artifact {
  kind: ArtifactKind;
  name: string;
  instrument: string | null;
  /** Absolute, or root-relative when this service serves the file. */
  url: string;
  sizeBytes: number | null;
  contentType: string;
}

export interface JobArtifacts {
  jobId: string;
  status: JobStatus;
  artifacts: Artifact[];
}

/** What a job produced and where to download it. */
@Injectable()
export class JobArtifactsService {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly urls: ArtifactUrls,
  ) {}

  /** The job's stems and final track; `owner` limits it to that owner's jobs, as GET /jobs/:id. */
  async list(jobId: string, owner?: string): Promise<JobArtifacts> {
    const job = isJobId(jobId) ? await this.jobs.findJob(jobId, owner) : undefined;
    if (!job) throw new JobNotFoundError();
    const sources = artifactSources(job.steps, job.result?.final_track_url);
    const artifacts = await Promise.all(sources.map((source) => this.describe(source)));
    return {
      jobId: job.id,
      status: job.status,
      artifacts: artifacts.filter((artifact) => artifact !== undefined),
    };
  }

  /**
   * Undefined for a file of ours that is gone. A file on another server is listed with what
   * is known of it: its URL (or its path, without an ARTIFACT_BASE_URL) and no size.
   */
  private async describe(source: ArtifactSource): Promise<Artifact | undefined> {
    const location = this.urls.locate(source.location);
    let sizeBytes: number | null = null;
    if (location.file !== undefined) {
      const info = await stat(location.file).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      sizeBytes = info.size;
    }
    return {
      kind: source.kind,
      name: location.file !== undefined ? basename(location.file) : lastSegment(location.url),
      instrument: source.instrument,
      url: location.url,
      sizeBytes,
      contentType: contentTypeFor(location.file ?? location.url),
    };
  }
}

function lastSegment(url: string): string {
  const segment = (URL.canParse(url) ? new URL(url).pathname : url).split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
