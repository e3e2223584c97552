import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { AppConfig, ConfigError } from '../config/app-config';
import { limitConnections } from './connection-limits';

describe('connection limits', () => {
  it('default to a 30 s request timeout and 256 connections per client address', () => {
    const config = new AppConfig({});
    assert.equal(config.requestTimeoutMs, 30_000);
    assert.equal(config.maxConnectionsPerClient, 256);
    assert.equal(new AppConfig({ MAX_CONNECTIONS_PER_CLIENT: '0' }).maxConnectionsPerClient, 0);
  });

  it('stop the start with a message naming a malformed variable', () => {
    for (const [name, value] of [
      ['REQUEST_TIMEOUT_MS', '10'],
      ['REQUEST_TIMEOUT_MS', 'soon'],
      ['MAX_CONNECTIONS_PER_CLIENT', '-1'],
    ]) {
      assert.throws(
        () => new AppConfig({ [name]: value }),
        (error: unknown) => error instanceof ConfigError && error.message.includes(name),
        `${name}=${value}`,
      );
    }
  });

  it('give the headers no longer than the whole request', () => {
    const server = createServer();
    limitConnections(server, { requestTimeoutMs: 3_000, maxConnectionsPerClient: 0 });
    assert.equal(server.requestTimeout, 3_000);
    assert.equal(server.headersTimeout, 3_000);
    limitConnections(server, { requestTimeoutMs: 60_000, maxConnectionsPerClient: 0 });
    assert.equal(server.headersTimeout, 10_000);
  });
});
