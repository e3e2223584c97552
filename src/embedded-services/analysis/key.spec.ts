import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chords,
  drums,
  keyName,
  type Mode,
  mix,
  pitchClass,
  relativeKey,
  SYNTH_RATE,
} from '../../../test/support/synthetic-music';
import { analyzeAudio } from './analyze-audio';

const FLATS: Record<string, string> = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };

/** "Bb major" and "A# major" are the same key. */
function sameKey(a: string | null, b: string): boolean {
  if (a === null) return false;
  const [tonicA, modeA] = a.split(' ');
  const [tonicB, modeB] = b.split(' ');
  return (
    modeA === modeB && pitchClass(FLATS[tonicA] ?? tonicA) === pitchClass(FLATS[tonicB] ?? tonicB)
  );
}

describe('key of a reference', () => {
  const cases: [string, Mode][] = [
    ['C', 'major'],
    ['G', 'major'],
    ['A#', 'major'],
    ['F#', 'major'],
    ['A', 'minor'],
    ['E', 'minor'],
    ['C#', 'minor'],
    ['F', 'minor'],
  ];

  it('names the key and mode of chord progressions over drums', () => {
    for (const [tonic, mode] of cases) {
      for (const voicing of ['keys', 'pad'] as const) {
        const bpm = 96;
        const track = mix(
          chords({ bpm, seconds: 20, tonic, mode, voicing }),
          drums({ bpm, seconds: 20 }, 'dense'),
        );
        const key = analyzeAudio({ sampleRate: SYNTH_RATE, channels: [track] }).key;
        assert.ok(
          sameKey(key, keyName(tonic, mode)),
          `${keyName(tonic, mode)} (${voicing}) read as ${key}`,
        );
      }
    }
  });

  it('spells keys as a key signature does', () => {
    const track = chords({ bpm: 90, seconds: 12, tonic: 'A#', mode: 'major' });
    assert.equal(analyzeAudio({ sampleRate: SYNTH_RATE, channels: [track] }).key, 'Bb major');
  });

  it('has no key for silence, and a pad alone reads its key or the relative one', () => {
    const silent = analyzeAudio({
      sampleRate: SYNTH_RATE,
      channels: [new Float32Array(SYNTH_RATE * 4)],
    });
    assert.equal(silent.key, null);
    const minor = chords({ bpm: 80, seconds: 16, tonic: 'D', mode: 'minor', voicing: 'pad' });
    const key = analyzeAudio({ sampleRate: SYNTH_RATE, channels: [minor] }).key;
    assert.ok(
      sameKey(key, 'D minor') || sameKey(key, relativeKey('D', 'minor')),
      `D minor read as ${key}`,
    );
  });
});
