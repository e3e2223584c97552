import Redis, { RedisOptions } from 'ioredis';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { AppConfig } from '../config/app-config';

const DEFAULT_REDIS_PORT = 6379;

type RedisSettings = Pick<AppConfig, 'redisUrl' | 'redisTlsCa'>;

/**
 * Where and how to reach Redis, from REDIS_URL: host, port, database, credentials, and TLS
 * when the scheme is `rediss:` (with REDIS_TLS_CA_FILE's certificates trusted besides the
 * system's). Every Redis connection of the process is built from this: Bull's three per
 * queue and the clients in `createRedisClient`. Bull reads only host, port, db and
 * password from a URL string, so it is given these options, never the URL.
 */
export function redisConnectionOptions(settings: RedisSettings): RedisOptions {
  const url = new URL(settings.redisUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisOptions = {
    host,
    port: url.port ? Number(url.port) : DEFAULT_REDIS_PORT,
    db: Number(url.pathname.replace(/^\//, '') || 0),
  };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') {
    options.tls = {
      // Certificates are checked against the host name (SNI too), not against an address.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(settings.redisTlsCa ? { ca: [...rootCertificates, settings.redisTlsCa] } : {}),
    };
  }
  return options;
}

/** A Redis client of this process; `options` tune retries and the like, never the address. */
export function createRedisClient(settings: RedisSettings, options: RedisOptions = {}): Redis {
  return new Redis({ ...options, ...redisConnectionOptions(settings) });
}
