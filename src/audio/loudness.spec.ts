import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integratedLoudness } from './loudness';
import { RATE, toneSequence } from './test-signals';
import { toDb, truePeak } from './true-peak';

const lufs = (channels: Float32Array[]) => integratedLoudness(channels, RATE);

// EBU Tech 3341 (v4) minimum requirements: integrated loudness within +-0.1 LU.
describe('integrated loudness (EBU Tech 3341 cases)', () => {
  it('reads a stereo 1 kHz sine at -23 dBFS as -23.0 LUFS (case 1)', () => {
    assert.ok(Math.abs(lufs(toneSequence([{ seconds: 20, dbfs: -23 }])) + 23) <= 0.1);
  });

  it('reads a stereo 1 kHz sine at -33 dBFS as -33.0 LUFS (case 2)', () => {
    assert.ok(Math.abs(lufs(toneSequence([{ seconds: 20, dbfs: -33 }])) + 33) <= 0.1);
  });

  it('gates out quieter tones 10 LU under (case 3: -36, -23, -36 dBFS)', () => {
    const reading = lufs(
      toneSequence([
        { seconds: 10, dbfs: -36 },
        { seconds: 60, dbfs: -23 },
        { seconds: 10, dbfs: -36 },
      ]),
    );
    assert.ok(Math.abs(reading + 23) <= 0.1, `read ${reading}`);
  });

  it('gates out silence-level and quiet tones (case 4: -72, -36, -23, -36, -72 dBFS)', () => {
    const reading = lufs(
      toneSequence([
        { seconds: 10, dbfs: -72 },
        { seconds: 10, dbfs: -36 },
        { seconds: 60, dbfs: -23 },
        { seconds: 10, dbfs: -36 },
        { seconds: 10, dbfs: -72 },
      ]),
    );
    assert.ok(Math.abs(reading + 23) <= 0.1, `read ${reading}`);
  });

  it('averages tones inside the relative gate (case 5: -26, -20, -26 dBFS)', () => {
    const reading = lufs(
      toneSequence([
        { seconds: 20, dbfs: -26 },
        { seconds: 20.1, dbfs: -20 },
        { seconds: 20, dbfs: -26 },
      ]),
    );
    assert.ok(Math.abs(reading + 23) <= 0.1, `read ${reading}`);
  });

  it('finds nothing above the absolute gate in a -80 dBFS tone or digital silence', () => {
    assert.equal(lufs(toneSequence([{ seconds: 5, dbfs: -80 }])), -Infinity);
    assert.equal(lufs([new Float32Array(RATE * 2), new Float32Array(RATE * 2)]), -Infinity);
  });

  it('reads a mono 1 kHz tone 3 dB under the same tone in stereo', () => {
    const mono = lufs(toneSequence([{ seconds: 10, dbfs: -20 }], { channels: 1 }));
    assert.ok(Math.abs(mono + 20 + 3.01) <= 0.1, `read ${mono}`);
  });

  it('reads -23.0 LUFS at 44.1 kHz too (the K-weighting is designed per rate)', () => {
    const at44k = toneSequence([{ seconds: 10, dbfs: -23 }], { sampleRate: 44_100 });
    assert.ok(Math.abs(integratedLoudness(at44k, 44_100) + 23) <= 0.1);
  });
});

// EBU Tech 3341 (v4) true-peak cases 15-19: within +0.2/-0.4 dB; held here to +-0.2 dB.
describe('true peak (EBU Tech 3341 cases)', () => {
  const cases = [
    { name: 'case 15: fs/4, 0 deg', frequency: RATE / 4, phase: 0, dbfs: -6, expected: -6 },
    {
      name: 'case 16: fs/4, 45 deg',
      frequency: RATE / 4,
      phase: Math.PI / 4,
      dbfs: -6,
      expected: -6,
    },
    {
      name: 'case 17: fs/6, 60 deg',
      frequency: RATE / 6,
      phase: Math.PI / 3,
      dbfs: -6,
      expected: -6,
    },
    {
      name: 'case 18: fs/8, 67.5 deg',
      frequency: RATE / 8,
      phase: (3 * Math.PI) / 8,
      dbfs: -6,
      expected: -6,
    },
    {
      name: 'case 19: fs/4, 45 deg, samples at 0 dBFS',
      frequency: RATE / 4,
      phase: Math.PI / 4,
      dbfs: 3.01,
      expected: 3,
    },
  ];
  for (const c of cases) {
    it(`reads ${c.expected} dBTP (${c.name})`, () => {
      const tone = toneSequence([{ seconds: 1, dbfs: c.dbfs }], {
        frequency: c.frequency,
        phase: c.phase,
        fadeSeconds: 0.01,
      });
      const reading = toDb(truePeak(tone));
      assert.ok(Math.abs(reading - c.expected) <= 0.2, `read ${reading.toFixed(3)} dBTP`);
    });
  }

  it('reads an inter-sample peak 3 dB above the sample peak of a fs/4 tone at 45 deg', () => {
    const tone = toneSequence([{ seconds: 1, dbfs: -6 }], {
      frequency: RATE / 4,
      phase: Math.PI / 4,
    });
    const samplePeakDb = toDb(Math.max(...tone[0].map(Math.abs)));
    assert.ok(Math.abs(samplePeakDb + 9.01) < 0.05);
    assert.ok(toDb(truePeak(tone)) - samplePeakDb > 2.8);
  });
});
