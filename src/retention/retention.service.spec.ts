import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import type { ArtifactUrls } from '../artifacts/artifact-urls';
import { AppConfig, ConfigError } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import type { RetentionRepository } from './retention.repository';
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
      {} as ArtifactUrls,
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
