import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integratedLoudness } from '../audio/loudness';
import { stereoCorrelation } from '../audio/stereo';
import { toDb, truePeak } from '../audio/true-peak';
import { MASTER_SAMPLE_RATE, mixAndMaster, roleOf } from './mixer';
import type { Audio } from './wav';

const RATE = 44_100;

/** A plucked, decaying mono note every beat: a stem with a transient on each note. */
function pluckedStem(frequency: number, seconds: number, channels: 1 | 2 = 1): Audio {
  const frames = seconds * RATE;
  const left = new Float32Array(frames);
  const beat = RATE / 2;
  for (let n = 0; n < frames; n++) {
    const t = (n % beat) / RATE;
    left[n] = 0.6 * Math.exp(-t * 6) * Math.sin(2 * Math.PI * frequency * (n / RATE));
  }
  if (channels === 1) return { sampleRate: RATE, channels: [left] };
  const right = left.map((v, n) => v * (0.5 + 0.5 * Math.cos(n / 5000)));
  return { sampleRate: RATE, channels: [left, right] };
}

describe('embedded mixing and mastering', () => {
  const names = ['job_1_drums.wav', 'job_1_bass.wav', 'job_1_piano.wav', 'job_1_lead.wav'];
  const stems = [
    pluckedStem(3000, 12),
    pluckedStem(55, 12),
    pluckedStem(261.6, 12, 2),
    pluckedStem(523.3, 12),
  ];
  const master = mixAndMaster(stems, names);

  it('masters to -14 LUFS +-0.5 under -1.2 dBTP, 48 kHz stereo', () => {
    assert.equal(master.sampleRate, MASTER_SAMPLE_RATE);
    assert.equal(master.channels.length, 2);
    const loudness = integratedLoudness(master.channels, MASTER_SAMPLE_RATE);
    assert.ok(Math.abs(loudness + 14) <= 0.5, `loudness ${loudness.toFixed(2)} LUFS`);
    const peak = toDb(truePeak(master.channels));
    assert.ok(peak <= -1.2 + 1e-6, `true peak ${peak.toFixed(2)} dBTP`);
  });

  it('keeps a stereo image (left/right correlation at most 0.9) from mono stems', () => {
    const correlation = stereoCorrelation(master.channels);
    assert.ok(correlation <= 0.9, `correlation ${correlation.toFixed(3)}`);
    assert.ok(correlation > 0.2, `still one track, not two: ${correlation.toFixed(3)}`);
  });

  it('lasts as long as the longest stem, with the reverb tail after it', () => {
    const seconds = master.channels[0].length / MASTER_SAMPLE_RATE;
    assert.ok(seconds >= 12 && seconds <= 13, `${seconds} s`);
  });

  it('is the same master for the same stems', () => {
    const again = mixAndMaster(stems, names);
    assert.deepEqual(again.channels[1], master.channels[1]);
  });

  it('mixes each stem by the role its instrument plays', () => {
    assert.equal(roleOf('/stems/job_3f9c_drums.wav'), 'drums');
    assert.equal(roleOf('job_3f9c_bass.wav'), 'bass');
    assert.equal(roleOf('strings'), 'pad');
    assert.equal(roleOf('Piano'), 'harmony');
    assert.equal(roleOf('lead'), 'lead');
    assert.equal(roleOf('theremin'), 'other');
  });
});
