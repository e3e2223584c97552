import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeAudio } from './analysis/analyze-audio';
import { CEILING, integratedLoudness, mixAndMaster, TARGET_LUFS } from './mixer';
import { parsePrompt } from './prompt-parser';
import { renderStem, STEM_SAMPLE_RATE } from './stem-synth';
import { decodeWav, encodeWav, InvalidAudioError } from './wav';

describe('prompt parser', () => {
  it('reads the contract example', () => {
    assert.deepEqual(
      parsePrompt('A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.'),
      {
        tempo: 100,
        key: null,
        genre: 'lo-fi hip hop',
        instruments: ['piano', 'drums'],
        style_references: [],
        mood: 'chill',
      },
    );
  });

  it('reads keys, references and plural or synonym instruments', () => {
    const spec = parsePrompt(
      'Dark techno in F# minor at 128 BPM with synths and an 808, in the style of Daft Punk',
    );
    assert.equal(spec.key, 'F# minor');
    assert.equal(spec.tempo, 128);
    assert.equal(spec.genre, 'techno');
    // Named synths and an 808 bass; techno brings its drums.
    assert.deepEqual(spec.instruments, ['synth', 'bass', 'drums']);
    assert.deepEqual(spec.style_references, ['Daft Punk']);
    assert.equal(spec.mood, 'dark');
    assert.equal(parsePrompt('jazz ballad in Bb major').key, 'Bb major');
  });

  it('leaves what the prompt does not say empty', () => {
    assert.deepEqual(parsePrompt('something nice'), {
      tempo: null,
      key: null,
      genre: null,
      instruments: [],
      style_references: [],
      mood: null,
    });
  });
});

describe('wav', () => {
  it('round-trips 16 and 24 bit within quantisation error', () => {
    const channel = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.8);
    for (const bits of [16, 24] as const) {
      const decoded = decodeWav(
        encodeWav({ sampleRate: 44_100, channels: [channel, channel] }, bits),
      );
      assert.equal(decoded.sampleRate, 44_100);
      assert.equal(decoded.channels.length, 2);
      const error = Math.max(...decoded.channels[1].map((v, i) => Math.abs(v - channel[i])));
      assert.ok(error < 2 ** -(bits - 2), `${bits}-bit error ${error}`);
    }
  });

  it('refuses what is not a WAV file', () => {
    assert.throws(() => decodeWav(Buffer.from('ID3 this is an mp3')), InvalidAudioError);
  });
});

describe('analysis, generation and mastering', () => {
  it('generates stems of bars * 4 beats at the tempo, and finds that tempo again', () => {
    const drums = renderStem('drums', { tempo: 120, key: 'A minor', mood: null }, 8);
    assert.equal(drums.channels[0].length, 16 * STEM_SAMPLE_RATE);
    const features = analyzeAudio(drums);
    assert.ok(Math.abs((features.tempo ?? 0) - 120) <= 3, `tempo ${features.tempo}`);
    assert.equal(features.segments[features.segments.length - 1].end_time, 16);
  });

  it('hears the key of a chord progression', () => {
    const piano = renderStem('piano', { tempo: 90, key: 'A minor', mood: null }, 8);
    const pad = renderStem('pad', { tempo: 90, key: 'A minor', mood: null }, 8);
    const key = analyzeAudio(mixAndMaster([piano, pad])).key;
    assert.ok(key === 'A minor' || key === 'C major', `relative keys share a scale; got ${key}`);
  });

  it('masters to about -14 LUFS with peaks at or below -1 dBFS', () => {
    const stems = ['drums', 'bass', 'synth', 'lead'].map((i) =>
      renderStem(i, { tempo: 100, key: 'C minor', mood: null }, 4),
    );
    const master = mixAndMaster(stems);
    const peak = Math.max(
      ...master.channels.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
    );
    assert.ok(peak <= CEILING + 1e-6, `peak ${peak}`);
    const loudness = integratedLoudness(master.channels);
    assert.ok(Math.abs(loudness - TARGET_LUFS) < 1.5, `loudness ${loudness}`);
  });
});
