import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chords, concatenate, drums, mix, SYNTH_RATE } from '../../../test/support/synthetic-music';
import { analyzeAudio } from './analyze-audio';

/** An A/B/A piece: A is dense drums under chords in C major, B a pad in A minor over kicks. */
function abaPiece(bpm: number, bars: number): { samples: Float32Array; sectionSeconds: number } {
  const seconds = (bars * 4 * 60) / bpm;
  const a = () =>
    mix(drums({ bpm, seconds }, 'dense'), chords({ bpm, seconds, tonic: 'C', mode: 'major' }));
  const b = mix(
    drums({ bpm, seconds }, 'sparse'),
    chords({ bpm, seconds, tonic: 'A', mode: 'minor', voicing: 'pad' }),
  );
  return { samples: concatenate(a(), b, a()), sectionSeconds: seconds };
}

describe('sections of a reference', () => {
  it('cuts an A/B/A piece where its sections change, within two beats, and labels A twice', () => {
    for (const [bpm, bars] of [
      [70, 8],
      [93, 8],
      [120, 8],
      [160, 16],
    ]) {
      const { samples, sectionSeconds } = abaPiece(bpm, bars);
      const segments = analyzeAudio({ sampleRate: SYNTH_RATE, channels: [samples] }).segments;
      const beat = 60 / bpm;
      const what = `${bpm} BPM: ${JSON.stringify(segments)}`;
      assert.equal(segments.length, 3, what);
      assert.ok(Math.abs(segments[1].start_time - sectionSeconds) <= 2 * beat, what);
      assert.ok(Math.abs(segments[2].start_time - 2 * sectionSeconds) <= 2 * beat, what);
      assert.equal(segments[0].start_time, 0);
      assert.ok(Math.abs(segments[2].end_time - 3 * sectionSeconds) < 0.01, what);
      assert.equal(segments[0].label, segments[2].label, what);
      assert.notEqual(segments[0].label, segments[1].label, what);
    }
  });

  it('keeps a steady loop in one section, whatever its length', () => {
    const bpm = 110;
    const loop = mix(
      drums({ bpm, seconds: 40 }, 'dense'),
      chords({ bpm, seconds: 40, tonic: 'G', mode: 'major' }),
    );
    const segments = analyzeAudio({ sampleRate: SYNTH_RATE, channels: [loop] }).segments;
    assert.equal(segments.length, 1, JSON.stringify(segments));
    assert.deepEqual([segments[0].start_time, segments[0].end_time], [0, 40]);
  });
});
