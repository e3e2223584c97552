import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { ArtifactKind } from '../../artifacts/artifact-kind';
import {
  checkStepList,
  FINAL_TRACK,
  FIRST_STEP,
  STEP_LIST_HISTORY,
  STEP_LIST_VERSION,
  STEP_NAMES,
  STEPS,
  stepLabel,
  stepTitle,
  stepsFor,
} from './index';
import { parsePrompt } from './parse-prompt';
import type { StepDefinition } from './step-definition';

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
  const found = STEPS.find((s) => s.name === name);
  assert.ok(found);
  return found;
}

describe('steps', () => {
  it('has a new STEP_LIST_VERSION for every change of the list', () => {
    assert.deepEqual(STEP_LIST_HISTORY[STEP_LIST_VERSION], STEP_NAMES);
    assert.deepEqual(
      Object.keys(STEP_LIST_HISTORY).map(Number),
      Array.from({ length: STEP_LIST_VERSION }, (_, i) => i + 1),
    );
  });

  it('starts every job with the step the claim starts, whose input is the prompt alone', () => {
    for (const reference_track_url of [null, 'http://a/b.wav']) {
      const [first] = stepsFor({ prompt: 'a beat', reference_track_url });
      assert.equal(first.name, FIRST_STEP.name);
      assert.deepEqual(first.input({ prompt: 'a beat', reference_track_url }, {}), {
        prompt: 'a beat',
      });
    }
  });

  it('skips style analysis without a reference track', () => {
    const names = stepsFor({ prompt: 'x', reference_track_url: null }).map((s) => s.name);
    assert.deepEqual(names, ['parse_prompt', 'generate_sound', 'mix_master', 'check_quality']);
    const withRef = stepsFor({ prompt: 'x', reference_track_url: 'http://a/b.wav' }).map(
      (s) => s.name,
    );
    assert.deepEqual(withRef, [
      'parse_prompt',
      'analyze_style',
      'generate_sound',
      'mix_master',
      'check_quality',
    ]);
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
    // The quality check is part of mixing and mastering to the original clients.
    assert.equal(stepLabel('check_quality'), 'Mixing and Mastering');
    // In `steps[]` it has a title of its own; the others are titled by their label.
    assert.equal(stepTitle('check_quality'), 'Checking Quality');
    assert.equal(stepTitle('mix_master'), 'Mixing and Mastering');
  });

  it('takes the final track from the master the quality check delivers', () => {
    assert.equal(FINAL_TRACK.step.name, 'check_quality');
    const checked = FINAL_TRACK.step.validate({
      output_path: '/output/m_corrected.wav',
      verdict: 'corrected',
    });
    assert.equal(
      (checked as Record<string, unknown>)[FINAL_TRACK.field],
      '/output/m_corrected.wav',
    );
    assert.throws(() => FINAL_TRACK.step.validate({ output_path: '/output/m.wav' }), /verdict/);
  });

  it('checks the master the mixer made against the stems the generation made', () => {
    const outputs = {
      generate_sound: { job_id: 'g', stems: { piano: '/s/p.wav' } },
      mix_master: { output_path: '/output/m.wav', message: 'ok' },
    };
    assert.deepEqual(
      step('check_quality').input({ prompt: 'x', reference_track_url: null }, outputs),
      { master: '/output/m.wav', stems: { piano: '/s/p.wav' } },
    );
    assert.throws(
      () =>
        step('check_quality').input(
          { prompt: 'x', reference_track_url: null },
          {
            generate_sound: outputs.generate_sound,
          },
        ),
      /mix_master/,
    );
  });
});

describe('the step list check', () => {
  const local = (name: string, envPrefix: string, final = false): StepDefinition => ({
    name,
    label: name,
    envPrefix,
    policy: { timeoutMs: 1, attempts: 1, baseDelayMs: 0 },
    input: () => ({}),
    run: () => Promise.resolve({}),
    validate: (body) => body,
    artifacts: final ? [{ kind: ArtifactKind.Final, field: 'path' }] : [],
  });

  it('accepts the pipeline', () => {
    checkStepList(STEPS);
  });

  it('refuses a name or prefix used twice, and anything but one final track', () => {
    assert.throws(
      () => checkStepList([local('a', 'A'), local('a', 'B', true)]),
      /step a is listed twice/,
    );
    assert.throws(
      () => checkStepList([local('a', 'A', true), local('b', 'A')]),
      /prefix A is used by two steps/,
    );
    assert.throws(() => checkStepList([local('a', 'A')]), /one step must produce the final track/);
    assert.throws(() => checkStepList([local('a', 'A', true), local('b', 'B', true)]), /found 2/);
  });
});

describe("the claim's SQL for the first step's input", () => {
  const db = new Client({
    connectionString:
      process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });

  before(() => db.connect());
  after(() => db.end());

  it('builds in PostgreSQL exactly what the TypeScript mapping returns', async () => {
    const prompts = [
      'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
      `quotes ' and " and \\ backslash, {"json": [1]}`,
      'multi\nline\ttabs, ünïcödé, 🎹 and 𝄞',
      '',
    ];
    for (const prompt of prompts) {
      for (const reference_track_url of [null, 'https://example.com/ref.wav']) {
        // Evaluated over a row with the claimed row's name and column types.
        const { rows } = await db.query<{ input: unknown }>(
          `SELECT ${FIRST_STEP.inputSql} AS input
             FROM (VALUES ($1::text, $2::text)) AS j(prompt, reference_track_url)`,
          [prompt, reference_track_url],
        );
        assert.deepEqual(rows[0].input, parsePrompt.input({ prompt, reference_track_url }));
      }
    }
    assert.equal(FIRST_STEP.inputSql, parsePrompt.claimInputSql);
  });
});
