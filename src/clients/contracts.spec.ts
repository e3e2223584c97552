import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseGeneratedStems,
  parseMasteredTrack,
  parsePromptSpec,
  parseStyleFeatures,
} from './contracts';
import { sniffAudio } from './reference-track.fetcher';

describe('response validation', () => {
  it('accepts the contract examples and fills absent optional fields', () => {
    assert.deepEqual(
      parsePromptSpec({
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi hip hop',
        instruments: ['piano'],
        mood: 'chill',
      }),
      {
        tempo: 100,
        key: 'C minor',
        genre: 'lo-fi hip hop',
        instruments: ['piano'],
        style_references: [],
        mood: 'chill',
      },
    );
    assert.deepEqual(
      parseStyleFeatures({
        tempo: 92.3,
        key: 'A minor',
        segments: [{ start_time: 0, end_time: 12.5, label: 'intro' }],
      }).segments,
      [{ start_time: 0, end_time: 12.5, label: 'intro' }],
    );
    assert.deepEqual(parseMasteredTrack({ output_path: '/output/x.wav', message: 'done' }), {
      output_path: '/output/x.wav',
      message: 'done',
    });
  });

  it('names the field that is wrong', () => {
    assert.throws(() => parsePromptSpec({ tempo: 'fast' }), /tempo must be a number or null/);
    assert.throws(() => parsePromptSpec([]), /expected a JSON object/);
    assert.throws(() => parseGeneratedStems({ job_id: 'j', stems: {} }), /stems must not be empty/);
    assert.throws(() => parseGeneratedStems({ stems: { piano: 3 } }), /stems.piano must be a path/);
    assert.throws(
      () => parseMasteredTrack({ message: 'no path' }),
      /output_path must be a non-empty string/,
    );
    assert.throws(
      () => parseStyleFeatures({ segments: [{ start_time: 1 }] }),
      /segments\[0\] needs start_time and end_time/,
    );
  });
});

describe('sniffAudio', () => {
  it('recognises audio containers and refuses other files', () => {
    assert.equal(sniffAudio(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')), 'audio/wav');
    assert.equal(sniffAudio(Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1')), undefined);
    assert.equal(sniffAudio(Buffer.from('ID3\x04rest', 'latin1')), 'audio/mpeg');
    assert.equal(sniffAudio(Buffer.from('fLaC', 'latin1')), 'audio/flac');
    assert.equal(sniffAudio(Buffer.from('<html>', 'latin1')), undefined);
  });
});
