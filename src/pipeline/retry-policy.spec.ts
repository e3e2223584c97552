import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pipelineBackoff, RetryLaterError, retryDelayMs } from './retry-policy';

const policy = { timeoutMs: 1000, attempts: 4, baseDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, with jitter between half and all of it', () => {
    assert.equal(
      retryDelayMs(policy, 1, undefined, () => 0),
      500,
    );
    assert.equal(
      retryDelayMs(policy, 1, undefined, () => 1),
      1000,
    );
    assert.equal(
      retryDelayMs(policy, 3, undefined, () => 1),
      4000,
    );
    assert.equal(
      retryDelayMs(policy, 3, undefined, () => 0),
      2000,
    );
  });

  it('honours a longer Retry-After', () => {
    assert.equal(
      retryDelayMs(policy, 1, 7000, () => 1),
      7000,
    );
    assert.equal(
      retryDelayMs(policy, 3, 10, () => 1),
      4000,
    );
  });

  it('is zero when the base delay is overridden to zero', () => {
    assert.equal(
      retryDelayMs({ ...policy, baseDelayMs: 0 }, 5, undefined, () => 1),
      0,
    );
  });
});

describe('pipelineBackoff', () => {
  it('takes the delay from a RetryLaterError and backs off other errors', () => {
    assert.equal(pipelineBackoff(1, new RetryLaterError(1234, 'x')), 1234);
    assert.equal(pipelineBackoff(1, new Error('db down')), 500);
    assert.equal(pipelineBackoff(20, new Error('db down')), 30_000);
  });
});
