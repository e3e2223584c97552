import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { rootCertificates } from 'node:tls';
import { redisConnectionOptions } from './redis-connection';

const settings = (redisUrl: string, redisTlsCa?: string) => ({ redisUrl, redisTlsCa });

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('redisConnectionOptions', () => {
  it('reads host, port, database and credentials from a redis: URL, without TLS', () => {
    const options = redisConnectionOptions(settings('redis://app:s%40cret@cache.internal:6390/4'));
    assert.deepEqual(options, {
      host: 'cache.internal',
      port: 6390,
      db: 4,
      username: 'app',
      password: 's@cret',
    });
    assert.deepEqual(redisConnectionOptions(settings('redis://[::1]')), {
      host: '::1',
      port: 6379,
      db: 0,
    });
  });

  it('turns on TLS for rediss:, checking the certificate against the host name', () => {
    const options = redisConnectionOptions(settings('rediss://:token@redis.example.com:6380/0'));
    assert.equal(options.password, 'token');
    assert.deepEqual(options.tls, { servername: 'redis.example.com' });
  });

  it('trusts REDIS_TLS_CA_FILE besides the system certificates', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nlocal CA\n-----END CERTIFICATE-----\n';
    const options = redisConnectionOptions(settings('rediss://127.0.0.1:6380', pem));
    assert.deepEqual(options.tls, { ca: [...rootCertificates, pem] });
  });

  it('is how every Redis client in src/ is built: no other file constructs an ioredis client', () => {
    const src = join(__dirname, '..', '..', '..', 'src');
    const builders = sourceFiles(src).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /new Redis\(|import Redis from 'ioredis'|\burl: config\.redisUrl/.test(text);
    });
    assert.deepEqual(
      builders.map((file) => relative(src, file)),
      [join('redis', 'redis-connection.ts')],
    );
  });
});
