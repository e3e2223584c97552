import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nestsDeeperThan } from './json-body-parser';

describe('nestsDeeperThan', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('counts objects and arrays alike, up to the limit and no further', () => {
    assert.equal(nestsDeeperThan(nested(3), 3), false);
    assert.equal(nestsDeeperThan(nested(4), 3), true);
    assert.equal(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4), false);
    assert.equal(nestsDeeperThan('{"a":{"b":[{"c":{}}]}}', 4), true);
    assert.equal(nestsDeeperThan('[[],[],[],[]]', 2), false, 'siblings do not add up');
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(nestsDeeperThan(JSON.stringify({ p: '[[[[{{{{' }), 1), false);
    assert.equal(nestsDeeperThan(JSON.stringify({ p: 'say \\"[[[[\\" ok' }), 1), false);
    assert.equal(nestsDeeperThan(JSON.stringify({ p: '"' }) + nested(2), 1), true);
  });

  it('scans 32,000 levels without recursion', () => {
    assert.equal(nestsDeeperThan(nested(32_000), 32), true);
  });
});
