import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppConfig, ConfigError } from './app-config';
import { EnvReader } from './env-reader';

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

  it('logs readable lines on a terminal and JSON lines otherwise, unless LOG_FORMAT says', () => {
    assert.equal(new AppConfig({}, true).logFormat, 'pretty');
    assert.equal(new AppConfig({}, false).logFormat, 'json');
    assert.equal(new AppConfig({ LOG_FORMAT: 'json' }, true).logFormat, 'json');
    assert.equal(new AppConfig({ LOG_FORMAT: 'pretty' }, false).logFormat, 'pretty');
    refuses({ LOG_FORMAT: 'text' }, /LOG_FORMAT: must be one of auto, json, pretty, got "text"/);
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

  const refuses = (env: NodeJS.ProcessEnv, pattern: RegExp) =>
    assert.throws(
      () => new AppConfig(env),
      (error: unknown) => error instanceof ConfigError && pattern.test(error.message),
    );

  it('accepts a rediss: (TLS) URL, with or without REDIS_TLS_CA_FILE', () => {
    const config = new AppConfig({ REDIS_URL: 'rediss://redis.example.com:6380/0' });
    assert.equal(config.redisUrl, 'rediss://redis.example.com:6380/0');
    assert.equal(config.redisTlsCa, undefined);
    const ca = join(mkdtempSync(join(tmpdir(), 'app-config-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const withCa = new AppConfig({
      REDIS_URL: 'rediss://redis.example.com',
      REDIS_TLS_CA_FILE: ca,
    });
    assert.equal(withCa.redisTlsCa, '-----BEGIN CERTIFICATE-----\n');
  });

  it('refuses a REDIS_TLS_CA_FILE that cannot be read, or that a redis: URL would ignore', () => {
    refuses(
      { REDIS_URL: 'rediss://redis.example.com', REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' },
      /REDIS_TLS_CA_FILE: cannot read "\/nonexistent\/ca.pem": ENOENT/,
    );
    const ca = join(mkdtempSync(join(tmpdir(), 'app-config-')), 'ca.pem');
    writeFileSync(ca, 'pem');
    refuses(
      { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_TLS_CA_FILE: ca },
      /REDIS_TLS_CA_FILE: only used with a rediss: REDIS_URL/,
    );
  });

  it('refuses a Redis database index that is not an integer 0-15', () => {
    for (const db of ['16', '-1', '1.5', 'three', '0/1']) {
      refuses({ REDIS_URL: `redis://127.0.0.1:6379/${db}` }, /REDIS_URL: database index/);
    }
    assert.equal(
      new AppConfig({ REDIS_URL: 'redis://127.0.0.1:6379/15' }).redisUrl.endsWith('/15'),
      true,
    );
    assert.equal(new AppConfig({ REDIS_URL: 'redis://redis:6379' }).redisUrl, 'redis://redis:6379');
  });

  it('accepts IP addresses and hostnames as HOST, and refuses anything else', () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', 'orchestrator-api.internal']) {
      assert.equal(new AppConfig({ HOST: host }).host, host);
    }
    for (const host of ['http://0.0.0.0', '0.0.0.0:3000', '999.1.1.1', 'my_host', '-bad.example']) {
      refuses({ HOST: host }, /HOST: must be an IP address or a hostname/);
    }
  });

  it('names every malformed variable in one error', () => {
    const env = {
      PORT: 'eighty',
      APP_ROLE: 'both',
      REDIS_URL: 'redis://127.0.0.1:6379/three',
      DATABASE_URL: 'mysql://x',
      HOST: 'not a host',
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

  it("takes the embedded mixer's masters for ours, an external mixer's only with MIXING_MASTERING_OWNED=true", () => {
    const external = { MIXING_MASTERING_URL: 'http://mixing-mastering:8000/process' };
    assert.equal(new AppConfig({}).mixerOwned, true);
    assert.equal(new AppConfig(external).mixerOwned, false);
    assert.equal(new AppConfig({ ...external, MIXING_MASTERING_OWNED: 'true' }).mixerOwned, true);
    refuses({ MIXING_MASTERING_OWNED: 'yes' }, /MIXING_MASTERING_OWNED:/);
  });

  it('reads the variables of each step from its prefix, and requires the URL of a service with no embedded one', () => {
    const config = new AppConfig({
      MIXING_MASTERING_URL: 'http://mixing-mastering:8000/process',
      PROMPT_PARSER_ATTEMPTS: '2',
      QUALITY_CHECK_TIMEOUT_MS: '4321',
    });
    assert.equal(config.serviceUrls.mix_master, 'http://mixing-mastering:8000/process');
    assert.equal(config.stepPolicies.parse_prompt.attempts, 2);
    // A local step has no URL, only its timeout and retry budget.
    assert.equal(config.stepPolicies.check_quality.timeoutMs, 4321);
    assert.equal('check_quality' in config.serviceUrls, false);
    assert.deepEqual(Object.keys(config.stepPolicies), [
      'parse_prompt',
      'analyze_style',
      'generate_sound',
      'mix_master',
      'check_quality',
    ]);
    const read = new EnvReader({});
    assert.equal(
      read.requiredUrl('QUALITY_URL', ['http:'], 'check_quality has no embedded service'),
      undefined,
    );
    assert.throws(
      () => read.throwIfInvalid(),
      /QUALITY_URL: required: check_quality has no embedded service/,
    );
  });
});
