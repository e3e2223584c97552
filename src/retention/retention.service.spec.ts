import { Logger } from '@nestjs/common';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataSource, EntityManager } from 'typeorm';
import type { ArtifactUrls } from '../artifacts/artifact-urls';
import { AppConfig, ConfigError } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import type {
  ExpiredBatch,
  ExpiredJob,
  RetentionCursor,
  RetentionRepository,
} from './retention.repository';
import { JobFileRemover } from './job-file-remover';
import { RetentionService } from './retention.service';

/** A database that must not be reached. */
const untouchable = {
  createQueryRunner: () => assert.fail('retention touched the database'),
} as unknown as DataSource;

describe('retention settings', () => {
  it('keeps finished jobs 30 days and sweeps hourly by default', () => {
    const config = new AppConfig({});
    assert.equal(config.retentionDays, 30);
    assert.equal(config.retentionIntervalMs, 3_600_000);
  });

  it('is off with RETENTION_DAYS=0: no timer, and a sweep does nothing', async () => {
    const config = new AppConfig({ RETENTION_DAYS: '0' });
    const service = new RetentionService(
      untouchable,
      {} as RetentionRepository,
      {} as JobFileRemover,
      config,
      new Metrics(),
    );
    service.onApplicationBootstrap();
    assert.equal(await service.sweep(), undefined);
    await service.onApplicationShutdown();
  });

  it('names malformed values', () => {
    assert.throws(
      () => new AppConfig({ RETENTION_DAYS: '-1', RETENTION_INTERVAL_MS: '5' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /RETENTION_DAYS: must be between 0 and 36500/);
        assert.match(error.message, /RETENTION_INTERVAL_MS: must be between 1000/);
        return true;
      },
    );
  });
});

/** Expired jobs in (created_at, id) order, kept as the real repository keeps them. */
class InMemoryExpiredJobs {
  readonly batches: number[] = [];

  constructor(public jobs: ExpiredJob[]) {}

  async deleteExpiredBatch(
    _manager: EntityManager,
    _days: number,
    limit: number,
    after: RetentionCursor | undefined,
    removeFiles: (jobs: ExpiredJob[]) => Promise<string[]>,
  ): Promise<ExpiredBatch> {
    const start = after ? this.jobs.findIndex((job) => job.id > after.id) : 0;
    const taken = start < 0 ? [] : this.jobs.slice(start, start + limit);
    this.batches.push(taken.length);
    const last = taken.at(-1);
    const removable = new Set(await removeFiles(taken));
    const before = this.jobs.length;
    this.jobs = this.jobs.filter((job) => !removable.has(job.id));
    return {
      selected: taken.length,
      last: last && { createdAt: '2000-01-01 00:00:00+00', id: last.id },
      deleted: before - this.jobs.length,
    };
  }
}

describe('retention sweep', () => {
  let artifacts: string;

  before(async () => {
    artifacts = await mkdtemp(join(tmpdir(), 'retention-spec-'));
    Logger.overrideLogger(false); // one warning per kept job, expected here
  });

  after(async () => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    await rm(artifacts, { recursive: true, force: true });
  });

  it('goes on past whole batches of jobs whose files cannot be removed, and keeps those jobs', async () => {
    // unlink() of a directory fails even for root: a file that cannot be deleted.
    const undeletable = join(artifacts, 'output', 'stuck_master.wav');
    await mkdir(undeletable, { recursive: true });
    const job = (n: number, file: string | null): ExpiredJob => ({
      id: `job-${String(n).padStart(4, '0')}`,
      final_track_url: null,
      steps: file
        ? [
            {
              step: 'mix_master',
              output: { output_path: file, message: 'Mixing and mastering complete.' },
            },
          ]
        : [],
    });
    const stuck = Array.from({ length: 230 }, (_, n) => job(n, undeletable));
    const expired = Array.from({ length: 40 }, (_, n) => job(1_000 + n, null));
    const repository = new InMemoryExpiredJobs([...stuck, ...expired]);
    const service = new RetentionService(
      {
        createQueryRunner: () => ({
          connect: () => Promise.resolve(),
          release: () => Promise.resolve(),
          query: () => Promise.resolve([{ locked: true }]),
          manager: {},
        }),
      } as unknown as DataSource,
      repository as unknown as RetentionRepository,
      new JobFileRemover({ fileInArtifacts: (path: string) => path } as unknown as ArtifactUrls),
      new AppConfig({ ARTIFACTS_DIR: artifacts }),
      new Metrics(),
    );

    assert.deepEqual(await service.sweep(), { jobs: 40, files: 0 });
    assert.deepEqual(repository.batches, [100, 100, 70]);
    assert.deepEqual(
      repository.jobs.map((j) => j.id),
      stuck.map((j) => j.id),
      'jobs whose files remain are kept',
    );
  });
});
