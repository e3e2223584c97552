import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIRST_STEP } from '../jobs/jobs.repository';
import { stepLabel, stepsFor, STEP_CATALOGUE } from './step-catalogue';

const spec = {
  tempo: 100,
  key: 'C minor',
  genre: 'lo-fi hip hop',
  instruments: ['piano', 'drums'],
  style_references: ['Nujabes'],
  mood: 'chill',
};
const style = { tempo: 92.3, key: 'A minor', segments: [] };

function step(name: string) {
  const found = STEP_CATALOGUE.find((s) => s.name === name);
  assert.ok(found);
  return found;
}

describe('step catalogue', () => {
  it('starts every job with the step the claim starts, whose input is the prompt alone', () => {
    for (const reference_track_url of [null, 'http://a/b.wav']) {
      const [first] = stepsFor({ prompt: 'a beat', reference_track_url });
      assert.equal(first.name, FIRST_STEP.name);
      assert.deepEqual(first.input({ prompt: 'a beat', reference_track_url }, {}), {
        prompt: 'a beat',
      });
    }
    assert.equal(FIRST_STEP.inputSql, `jsonb_build_object('prompt', j.prompt)`);
  });

  it('skips style analysis without a reference track', () => {
    const names = stepsFor({ prompt: 'x', reference_track_url: null }).map((s) => s.name);
    assert.deepEqual(names, ['parse_prompt', 'generate_sound', 'mix_master']);
    const withRef = stepsFor({ prompt: 'x', reference_track_url: 'http://a/b.wav' }).map(
      (s) => s.name,
    );
    assert.deepEqual(withRef, ['parse_prompt', 'analyze_style', 'generate_sound', 'mix_master']);
  });

  it('maps the parsed prompt to the generation request, without style features when there is no reference', () => {
    const input = step('generate_sound').input(
      { prompt: 'x', reference_track_url: null },
      { parse_prompt: spec },
    );
    assert.deepEqual(input, {
      prompt_spec: {
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi hip hop',
        instruments: ['piano', 'drums'],
        mood: 'chill',
      },
    });
  });

  it('passes style features on when there is a reference track', () => {
    const input = step('generate_sound').input(
      { prompt: 'x', reference_track_url: 'http://a/b.wav' },
      { parse_prompt: spec, analyze_style: style },
    );
    assert.deepEqual((input as { style_features: unknown }).style_features, style);
  });

  it('sends every stem path to mixing, and refuses to run without the earlier output', () => {
    const outputs = {
      generate_sound: { job_id: 'g', stems: { piano: '/s/p.wav', drums: '/s/d.wav' } },
    };
    assert.deepEqual(
      step('mix_master').input({ prompt: 'x', reference_track_url: null }, outputs),
      {
        stem_paths: ['/s/p.wav', '/s/d.wav'],
      },
    );
    assert.throws(
      () => step('mix_master').input({ prompt: 'x', reference_track_url: null }, {}),
      /generate_sound/,
    );
  });

  it('labels steps as the original clients expect', () => {
    assert.equal(stepLabel('parse_prompt'), 'Parsing Prompt');
    assert.equal(stepLabel('analyze_style'), 'Analyzing Style');
    assert.equal(stepLabel('generate_sound'), 'Generating Sound');
    assert.equal(stepLabel('mix_master'), 'Mixing and Mastering');
  });
});
