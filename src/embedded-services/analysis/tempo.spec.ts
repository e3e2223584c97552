import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chords, drums, mix, SYNTH_RATE } from '../../../test/support/synthetic-music';
import { analyzeAudio } from './analyze-audio';

const TOLERANCE_BPM = 2;

function tempoOf(samples: Float32Array): number | null {
  return analyzeAudio({ sampleRate: SYNTH_RATE, channels: [samples] }).tempo;
}

function assertTempo(actual: number | null, bpm: number, what: string): void {
  assert.ok(
    actual !== null && Math.abs(actual - bpm) <= TOLERANCE_BPM,
    `${what}: ${bpm} BPM read as ${actual}`,
  );
}

describe('tempo of a reference', () => {
  const seconds = 20;

  it('sparse: a kick on every beat with long gaps, 60 to 180 BPM', () => {
    for (const bpm of [60, 72, 93, 110, 128, 150, 174, 180]) {
      assertTempo(tempoOf(drums({ bpm, seconds }, 'sparse')), bpm, 'sparse kicks');
    }
  });

  it('dense: kick, snare and 16th hats over chords, read at the beat, not the 8ths', () => {
    for (const bpm of [60, 70, 85, 93, 100, 120, 140, 165, 180]) {
      const track = mix(
        drums({ bpm, seconds }, 'dense'),
        chords({ bpm, seconds, tonic: 'D', mode: 'minor' }),
      );
      assertTempo(tempoOf(track), bpm, 'dense drums');
    }
  });

  it('harmony alone: chords struck on every beat, no drums', () => {
    for (const bpm of [66, 93, 124, 170]) {
      assertTempo(tempoOf(chords({ bpm, seconds, tonic: 'E', mode: 'major' })), bpm, 'chords');
    }
  });

  it('an ambient pad with a soft pulse at 70 BPM reads 70, not 117 or 140', () => {
    const bpm = 70;
    const track = mix(
      chords({ bpm, seconds: 30, tonic: 'A', mode: 'minor', voicing: 'pad' }),
      drums({ bpm, seconds: 30 }, 'soft-pulse'),
    );
    assertTempo(tempoOf(track), bpm, 'ambient pad');
  });

  it('finds the same tempo at 48 kHz and in stereo', () => {
    const bpm = 93;
    const left = mix(
      drums({ bpm, seconds, rate: 48_000 }, 'dense'),
      chords({ bpm, seconds, tonic: 'C', mode: 'major', rate: 48_000 }),
    );
    const right = Float32Array.from(left, (v) => 0.5 * v);
    assertTempo(
      analyzeAudio({ sampleRate: 48_000, channels: [left, right] }).tempo,
      bpm,
      '48 kHz stereo',
    );
  });

  it('has no tempo for silence', () => {
    assert.equal(tempoOf(new Float32Array(SYNTH_RATE * 5)), null);
  });
});
