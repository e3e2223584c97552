import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig, ConfigError } from './app-config';

describe('AppConfig', () => {
  it('has defaults that work on a project machine', () => {
    const config = new AppConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.role, 'all');
    assert.equal(config.databaseUrl, 'postgres://postgres@127.0.0.1:5432/test');
    assert.equal(config.redisUrl, 'redis://127.0.0.1:6379/0');
    assert.equal(
      config.serviceUrls.parse_prompt,
      undefined,
      'unset URL means the embedded service',
    );
    assert.deepEqual(config.stepPolicies.generate_sound, {
      timeoutMs: 300_000,
      attempts: 4,
      baseDelayMs: 60_000,
    });
  });

  it('lets STEP_RETRY_DELAY_MS replace every base delay, and reads per-step timeouts', () => {
    const config = new AppConfig({ STEP_RETRY_DELAY_MS: '5', SOUND_GENERATION_TIMEOUT_MS: '1234' });
    for (const policy of Object.values(config.stepPolicies)) assert.equal(policy.baseDelayMs, 5);
    assert.equal(config.stepPolicies.generate_sound.timeoutMs, 1234);
  });

  it('accepts a Redis database index', () => {
    assert.equal(
      new AppConfig({ REDIS_URL: 'redis://127.0.0.1:6379/3' }).redisUrl,
      'redis://127.0.0.1:6379/3',
    );
  });

  it('names every malformed variable in one error', () => {
    const env = {
      PORT: 'eighty',
      APP_ROLE: 'both',
      REDIS_URL: 'redis://127.0.0.1:6379/three',
      DATABASE_URL: 'mysql://x',
      PROMPT_PARSER_URL: 'not a url',
      STEP_RETRY_DELAY_MS: '-1',
      CORS_ORIGINS: 'https://ok.example.com,ftp://bad',
    };
    assert.throws(
      () => new AppConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of Object.keys(env)) assert.match(error.message, new RegExp(`${name}:`));
        return true;
      },
    );
  });
});
