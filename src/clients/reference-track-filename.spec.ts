import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceTrackFilename } from './reference-track.fetcher';

describe('referenceTrackFilename', () => {
  it("is the URL's last path segment, decoded", () => {
    assert.equal(referenceTrackFilename('https://h.example/a/my%20track.wav?x=1'), 'my track.wav');
    assert.equal(referenceTrackFilename('https://h.example/a/caf%C3%A9.wav'), 'café.wav');
  });

  it('falls back to "reference" when the path names no file', () => {
    assert.equal(referenceTrackFilename('https://h.example/'), 'reference');
    assert.equal(referenceTrackFilename('https://h.example'), 'reference');
  });

  it('keeps a segment that does not decode as written instead of throwing', () => {
    for (const segment of ['100%', '%E0%A4%A', 'caf%E9.wav', '%E0%A4']) {
      assert.equal(referenceTrackFilename(`https://h.example/t/${segment}`), segment);
    }
  });
});
