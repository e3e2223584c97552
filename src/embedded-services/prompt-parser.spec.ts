import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrompt } from './prompt-parser';

describe('prompt parser keys', () => {
  const cases: [prompt: string, key: string | null][] = [
    ['a sad ballad in A minor', 'A minor'],
    ['A major chord progression for a pop song', 'A major'],
    ['house track in the key of F#', 'F# major'],
    ['something in the key of a, 120 bpm', 'A major'],
    ['trap beat in C#m with 808s', 'C# minor'],
    ['moody piano loop in Am', 'A minor'],
    ['jazz in Eb, brushed drums', 'Eb major'],
    ['folk song in g minor', 'G minor'],
    ['cinematic strings in B flat minor', 'Bb minor'],
    ['ambient pad in F sharp', 'F# major'],
    ['beat in a rainy mood', null],
    ['a lo-fi beat', null],
    ['a minor change to a lo-fi beat', null],
    ['a flat, dusty beat with a sharp snare', null],
    ['FM synth bass at -6 db, I am happy', null],
    ['A sharp synth lead over a beat', null],
    ['a minimal techno groove', null],
  ];

  for (const [prompt, key] of cases) {
    it(`reads ${key ?? 'no key'} from "${prompt}"`, () => {
      assert.equal(parsePrompt(prompt).key, key);
    });
  }
});
