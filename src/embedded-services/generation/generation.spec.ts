import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrompt } from '../prompt-parser';
import { compositionRequest } from '../generation-request';
import { stereoCorrelation } from '../../audio/stereo';
import { mixAndMaster } from '../mixer';
import { encodeWav } from '../wav';
import { compose, renderStem, type CompositionRequest } from '.';
import { SAMPLE_RATE } from './dsp';

function request(overrides: Partial<CompositionRequest> = {}): CompositionRequest {
  return {
    instruments: ['drums', 'bass', 'piano', 'lead'],
    tempo: 100,
    key: 'C minor',
    genre: 'trip-hop',
    mood: 'dark',
    seed: 42,
    seconds: 30,
    ...overrides,
  };
}

describe('generation', () => {
  it('gives a drums-only track a stereo image of its own: the stem and its master at most 0.9 correlated', () => {
    // The kit with the heaviest, longest kick (its low end stays mono) and a lighter one.
    for (const genre of ['trap', 'trip-hop', 'techno']) {
      const score = compose(request({ instruments: ['drums'], genre, seconds: 16 }));
      const stem = renderStem(score, 'drums');
      const stemCorrelation = stereoCorrelation(stem.channels);
      assert.ok(stemCorrelation <= 0.9, `${genre} drum stem: ${stemCorrelation.toFixed(3)}`);
      assert.ok(
        stemCorrelation > 0.5,
        `${genre} drums still one kit: ${stemCorrelation.toFixed(3)}`,
      );
      const master = stereoCorrelation(mixAndMaster([stem], ['drums']).channels);
      assert.ok(master <= 0.9, `${genre} drums-only master: ${master.toFixed(3)}`);
    }
  });

  it('renders the same bytes for the same seed and another take for another seed', () => {
    const short = request({ seconds: 8 });
    const first = encodeWav(renderStem(compose(short), 'lead'), 16);
    const again = encodeWav(renderStem(compose(short), 'lead'), 16);
    const other = encodeWav(renderStem(compose({ ...short, seed: 43 }), 'lead'), 16);
    assert.ok(first.equals(again), 'the same seed renders identical bytes');
    assert.ok(!first.equals(other), 'another seed is another take');
  });

  for (const tempo of [60, 90, 128, 180]) {
    it(`arranges at least 30 s in whole bars at ${tempo} BPM, intro to outro`, () => {
      const score = compose(request({ tempo }));
      assert.ok(score.seconds >= 30, `${score.seconds} s`);
      assert.equal(score.tempo, tempo);
      assert.equal(score.sections[0].name, 'intro');
      assert.equal(score.sections[score.sections.length - 1].name, 'outro');
      const names = score.sections.map((s) => s.name);
      assert.ok(names.includes('verse') && names.includes('chorus'), names.join(' '));
      const audio = renderStem(score, 'bass');
      assert.equal(audio.channels[0].length, Math.round(score.seconds * SAMPLE_RATE));
    });
  }

  it('makes exactly the spec instruments, or drums, bass, synth and lead when it names none', () => {
    const take = { seed: 1, seconds: 8 };
    const named = compositionRequest(
      { instruments: ['guitar', 'organ', 'drums', 'bass'], genre: 'reggae' },
      null,
      take,
    );
    assert.deepEqual(
      compose(named).parts.map((p) => p.instrument),
      ['guitar', 'organ', 'drums', 'bass'],
    );
    const none = compositionRequest({ instruments: [] }, null, take);
    assert.deepEqual(
      compose(none).parts.map((p) => p.instrument),
      ['drums', 'bass', 'synth', 'lead'],
    );
  });

  it("follows the reference's tempo and key when the prompt names neither, the prompt's when it does", () => {
    const style = { tempo: 93, key: 'E minor', segments: [] };
    const take = { seed: 1, seconds: 8 };
    const followed = compose(compositionRequest({ tempo: null, key: null }, style, take));
    assert.equal(followed.tempo, 93);
    assert.equal(followed.key, 'E minor');
    const named = compose(compositionRequest({ tempo: 140, key: 'A major' }, style, take));
    assert.equal(named.tempo, 140);
    assert.equal(named.key, 'A major');
  });

  it('gives drums real envelopes: every kick decays to a fraction before the next hit', () => {
    const score = compose(request({ seconds: 8, genre: 'house', tempo: 124 }));
    const drums = renderStem(score, 'drums').channels[0];
    const kicks = score.parts[0].hits.filter((h) => h.voice === 'kick').map((h) => h.time);
    let checked = 0;
    for (let k = 0; k + 1 < kicks.length; k++) {
      const start = Math.round(kicks[k] * SAMPLE_RATE);
      const gap = Math.round((kicks[k + 1] - kicks[k]) * SAMPLE_RATE);
      if (gap < SAMPLE_RATE * 0.3) continue;
      const rms = (from: number, to: number) => {
        let sum = 0;
        for (let i = from; i < to; i++) sum += drums[i] ** 2;
        return Math.sqrt(sum / (to - from));
      };
      const attack = rms(start, start + 2400);
      const tail = rms(start + gap - 2400, start + gap);
      assert.ok(tail < attack / 3, `kick ${k}: ${tail} after ${attack}`);
      checked++;
    }
    assert.ok(checked >= 4, `checked ${checked} kicks`);
  });

  it('gives the lead a melody: many pitches, moving mostly by step', () => {
    const score = compose(request());
    const lead = score.parts.find((p) => p.instrument === 'lead');
    const pitches = lead?.notes.map((n) => n.midi) ?? [];
    assert.ok(pitches.length >= 16, `${pitches.length} notes`);
    assert.ok(new Set(pitches).size >= 5, `pitches ${[...new Set(pitches)].join(' ')}`);
    const steps = pitches.slice(1).map((p, i) => Math.abs(p - pitches[i]));
    const small = steps.filter((s) => s <= 4).length;
    assert.ok(small / steps.length > 0.6, `steps ${steps.join(' ')}`);
  });

  it('keeps every chord in the key: C minor pieces use its seven notes', () => {
    const score = compose(request({ genre: 'pop', key: 'C minor' }));
    const scale = new Set([0, 2, 3, 5, 7, 8, 10]);
    for (const part of score.parts)
      for (const note of part.notes)
        if (part.role !== 'bass')
          assert.ok(scale.has(note.midi % 12), `${part.instrument} ${note.midi}`);
  });
});

describe('prompt parser genre implications', () => {
  it('adds the backbone a genre implies to the named instruments', () => {
    assert.deepEqual(
      parsePrompt('moody trip-hop in C minor at 90 bpm with piano, bass and drums').instruments,
      ['piano', 'drums', 'bass'],
    );
    assert.deepEqual(parsePrompt('sunny reggae in A major, 75 BPM, guitar and organ').instruments, [
      'guitar',
      'organ',
      'drums',
      'bass',
    ]);
    assert.deepEqual(parsePrompt('a hip hop track with a piano').instruments, ['piano', 'drums']);
  });

  it("gives a genre's band when the prompt names no instrument, nothing without a genre", () => {
    assert.deepEqual(parsePrompt('some deep house please').instruments, [
      'drums',
      'bass',
      'piano',
      'pad',
    ]);
    assert.deepEqual(parsePrompt('something nice').instruments, []);
  });

  it('leaves tempo and key null unless named, so a reference can set them', () => {
    const spec = parsePrompt('moody trip-hop with piano');
    assert.equal(spec.tempo, null);
    assert.equal(spec.key, null);
    assert.equal(spec.genre, 'trip-hop');
    assert.equal(spec.mood, 'dark');
    assert.equal(parsePrompt('sunny reggae').mood, 'sunny');
  });

  it('reads an electric piano as one instrument, not also a piano', () => {
    assert.deepEqual(parsePrompt('jazz with electric piano').instruments, ['electric piano']);
  });
});
