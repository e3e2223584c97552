import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentTypeFor } from './content-types';
import { ArtifactKind } from './artifact-kind';
import { artifactSources } from './job-artifacts';

describe('artifactSources', () => {
  it('lists stems by instrument, then the mastered track of a job made before the quality check', () => {
    const steps = [
      { step: 'parse_prompt', output: { tempo: 90 } },
      { step: 'generate_sound', output: { job_id: 'g', stems: { piano: 'p.wav', bass: 'b.wav' } } },
      { step: 'mix_master', output: { output_path: '/a/master.wav', message: 'done' } },
    ];
    assert.deepEqual(artifactSources(steps, '/artifacts/master.wav'), [
      { kind: ArtifactKind.Stem, instrument: 'bass', location: 'b.wav' },
      { kind: ArtifactKind.Stem, instrument: 'piano', location: 'p.wav' },
      { kind: ArtifactKind.Final, instrument: null, location: '/a/master.wav' },
    ]);
  });

  it('lists the mixer master apart only when the quality check delivered another file', () => {
    const stems = { step: 'generate_sound', output: { job_id: 'g', stems: { bass: 'b.wav' } } };
    const mixed = { step: 'mix_master', output: { output_path: '/a/m.wav', message: 'done' } };
    const passed = {
      step: 'check_quality',
      output: { output_path: '/a/m.wav', verdict: 'passed' },
    };
    const corrected = {
      step: 'check_quality',
      output: { output_path: '/a/m_corrected.wav', verdict: 'corrected' },
    };
    const bass = { kind: ArtifactKind.Stem, instrument: 'bass', location: 'b.wav' };
    assert.deepEqual(artifactSources([stems, mixed, passed], '/artifacts/m.wav'), [
      bass,
      { kind: ArtifactKind.Final, instrument: null, location: '/a/m.wav' },
    ]);
    assert.deepEqual(artifactSources([stems, mixed, corrected], '/artifacts/m_corrected.wav'), [
      bass,
      { kind: ArtifactKind.Mix, instrument: null, location: '/a/m.wav' },
      { kind: ArtifactKind.Final, instrument: null, location: '/a/m_corrected.wav' },
    ]);
    // Failed by the check: no final track, the mixer's master still listed.
    assert.deepEqual(artifactSources([stems, mixed], null), [
      bass,
      { kind: ArtifactKind.Mix, instrument: null, location: '/a/m.wav' },
    ]);
  });

  it('has nothing for steps without checkpoints, and ignores outputs of another shape', () => {
    assert.deepEqual(artifactSources([]), []);
    assert.deepEqual(
      artifactSources([
        { step: 'generate_sound', output: null },
        { step: 'mix_master', output: { message: 'no path' } },
      ]),
      [],
    );
  });

  it('takes an absolute final_track_url when no mix_master checkpoint is left', () => {
    assert.deepEqual(artifactSources([], 'https://cdn.example.com/t.wav'), [
      { kind: ArtifactKind.Final, instrument: null, location: 'https://cdn.example.com/t.wav' },
    ]);
    assert.deepEqual(artifactSources([], '/artifacts/output/t.wav'), []);
  });
});

describe('contentTypeFor', () => {
  it('goes by extension, for paths and URLs alike', () => {
    assert.equal(contentTypeFor('/data/stems/job_1_drums.WAV'), 'audio/wav');
    assert.equal(contentTypeFor('https://cdn.example.com/x/master.mp3?sig=abc.wav'), 'audio/mpeg');
    assert.equal(contentTypeFor('notes'), 'application/octet-stream');
  });
});
