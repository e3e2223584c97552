import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limitTruePeak } from './limiter';
import { integratedLoudness } from './loudness';
import { normaliseLoudness } from './loudness-target';
import { RATE, squareWave, toneSequence } from './test-signals';
import { fromDb, toDb, truePeak } from './true-peak';

describe('true-peak limiter', () => {
  it('brings a full-scale square wave under -1 dBTP', () => {
    const square = squareWave(1000, 2);
    assert.ok(toDb(truePeak(square)) > 0, 'the square wave has inter-sample overs to begin with');
    const { channels } = limitTruePeak({
      channels: square,
      sampleRate: RATE,
      gain: 1,
      ceiling: fromDb(-1.2),
    });
    const peak = toDb(truePeak(channels));
    assert.ok(peak <= -1, `true peak ${peak.toFixed(2)} dBTP`);
  });

  it('catches a fs/4 tone whose samples sit 3 dB under its true peak', () => {
    const tone = toneSequence([{ seconds: 1, dbfs: 0 }], {
      frequency: RATE / 4,
      phase: Math.PI / 4,
    });
    const { channels } = limitTruePeak({
      channels: tone,
      sampleRate: RATE,
      gain: 1,
      ceiling: fromDb(-1.2),
    });
    assert.ok(toDb(truePeak(channels)) <= -1);
  });

  it('leaves a signal under the ceiling exactly as it was', () => {
    const tone = toneSequence([{ seconds: 1, dbfs: -6 }]);
    const { channels, maxReductionDb } = limitTruePeak({
      channels: tone,
      sampleRate: RATE,
      gain: 1,
      ceiling: fromDb(-1),
    });
    assert.equal(maxReductionDb, 0);
    assert.deepEqual(channels[0], tone[0]);
  });

  it('releases smoothly: no gain step larger than 0.05 dB between samples', () => {
    // A loud burst between quiet passages: the gain must ramp down ahead and back after.
    const signal = toneSequence(
      [
        { seconds: 0.5, dbfs: -20 },
        { seconds: 0.05, dbfs: 0 },
        { seconds: 0.5, dbfs: -20 },
      ],
      { frequency: 200 },
    );
    const { channels } = limitTruePeak({
      channels: signal,
      sampleRate: RATE,
      gain: 1,
      ceiling: fromDb(-6),
    });
    // The gain curve: output over input, where the input is far from a zero crossing.
    let previous: { n: number; gainDb: number } | undefined;
    let largestStep = 0;
    for (let n = 0; n < signal[0].length; n++) {
      if (Math.abs(signal[0][n]) < 0.05) continue;
      const gainDb = toDb(channels[0][n] / signal[0][n]);
      if (previous !== undefined) {
        const perSample = Math.abs(gainDb - previous.gainDb) / (n - previous.n);
        largestStep = Math.max(largestStep, perSample);
      }
      previous = { n, gainDb };
    }
    assert.ok(largestStep < 0.05, `largest gain step ${largestStep.toFixed(3)} dB per sample`);
  });
});

describe('loudness normalisation', () => {
  it('brings a -9 LUFS / 0 dBTP master to -14 LUFS and under -1 dBTP', () => {
    const hot = squareWave(110, 10, 0.5).map((channel, c) => {
      const out = new Float32Array(channel.length);
      for (let n = 0; n < out.length; n++)
        out[n] = channel[n] * 0.6 + 0.4 * Math.sin((2 * Math.PI * (440 + c * 3) * n) / RATE);
      return out;
    });
    const result = normaliseLoudness(hot, RATE);
    assert.ok(result);
    assert.ok(Math.abs(integratedLoudness(result.channels, RATE) + 14) <= 0.1);
    assert.ok(toDb(truePeak(result.channels)) <= -1.2 + 1e-6);
  });

  it('converges when the target needs heavy limiting (a crest factor of 20 dB)', () => {
    // Sparse clicks over a quiet bed: reaching -14 LUFS takes far more than a plain gain.
    const frames = RATE * 8;
    const signal = new Float32Array(frames);
    for (let n = 0; n < frames; n++) {
      signal[n] = 0.05 * Math.sin((2 * Math.PI * 300 * n) / RATE);
      if (n % (RATE / 4) < 200) signal[n] += 0.9 * Math.sin((2 * Math.PI * 2000 * n) / RATE);
    }
    const result = normaliseLoudness([signal, signal.slice()], RATE);
    assert.ok(result);
    assert.ok(Math.abs(result.loudnessLufs + 14) <= 0.5, `loudness ${result.loudnessLufs}`);
    assert.ok(result.truePeakDbtp <= -1.2 + 1e-6);
  });

  it('has nothing to normalise in silence', () => {
    assert.equal(
      normaliseLoudness([new Float32Array(RATE), new Float32Array(RATE)], RATE),
      undefined,
    );
  });
});
