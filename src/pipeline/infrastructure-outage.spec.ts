import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfrastructureOutage } from './infrastructure-outage';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isInfrastructureOutage', () => {
  it('knows PostgreSQL and Redis out of reach, also wrapped', () => {
    const outages = [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('sorry, too many clients already', '53300'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Cannot use a pool after calling end on the pool'),
      new Error('Connection is closed.'),
      Object.assign(new Error('Reached the max retries per request limit (which is 20).'), {
        name: 'MaxRetriesPerRequestError',
      }),
      new Error('LOADING Redis is loading the dataset in memory'),
      Object.assign(new Error('query failed'), {
        driverError: withCode('terminating connection', '57P01'),
      }),
      new Error('fetch failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ];
    for (const error of outages) assert.ok(isInfrastructureOutage(error), error.message);
  });

  it('leaves the job’s own errors to its budget', () => {
    const own = [
      withCode('unsupported Unicode escape sequence', '22P05'),
      withCode('duplicate key value violates unique constraint', '23505'),
      new TypeError("Cannot read properties of undefined (reading 'stems')"),
      new URIError('URI malformed'),
      new Error('output of parse_prompt is missing'),
      'a string thrown',
      undefined,
    ];
    for (const error of own) assert.ok(!isInfrastructureOutage(error), String(error));
  });
});
