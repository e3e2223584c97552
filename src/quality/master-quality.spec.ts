import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { integratedLoudness } from '../audio/loudness';
import { RATE, toneSequence } from '../audio/test-signals';
import { fromDb, toDb, truePeak } from '../audio/true-peak';
import { decodeWav, encodeWav } from '../embedded-services/wav';
import {
  correctMaster,
  measureMaster,
  outOfSpec,
  uncorrectable,
  warningsOf,
  type PcmAudio,
} from './master-quality';
import { declaredDataShortfall, runQualityCheck } from './quality-check.task';

/** Pink-ish noise with a beat: a stand-in for a master, with crest like music's. */
function music(seconds: number, seed = 1): PcmAudio {
  const frames = Math.round(seconds * RATE);
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  let l = 0;
  let r = 0;
  for (let n = 0; n < frames; n++) {
    const beat = Math.exp(-((n % (RATE / 2)) / (RATE * 0.05)));
    l = 0.9 * l + random();
    r = 0.9 * r + random();
    left[n] = (0.1 + beat) * (0.6 * l + 0.4 * r) * 0.3;
    right[n] = (0.1 + beat) * (0.4 * l + 0.6 * r) * 0.3;
  }
  return { sampleRate: RATE, channels: [left, right] };
}

/** `audio` scaled so its true peak sits at `dbtp`. */
function atPeak(audio: PcmAudio, dbtp: number): PcmAudio {
  const gain = fromDb(dbtp) / truePeak(audio.channels);
  return { ...audio, channels: audio.channels.map((c) => c.map((v) => v * gain)) };
}

describe('master quality: measure', () => {
  it('reads a -23 dBFS stereo 1 kHz sine as -23 LUFS with a -23 dBTP true peak', () => {
    const tone = toneSequence([{ seconds: 20, dbfs: -23 }], { fadeSeconds: 0.01 });
    const measured = measureMaster({ sampleRate: RATE, channels: tone });
    assert.ok(Math.abs((measured.integrated_lufs ?? 0) + 23) <= 0.1, `${measured.integrated_lufs}`);
    assert.ok(Math.abs((measured.true_peak_dbtp ?? 0) + 23) <= 0.2, `${measured.true_peak_dbtp}`);
    assert.equal(measured.duration_seconds, 20);
    assert.equal(measured.stereo_correlation, 1);
    assert.deepEqual(outOfSpec(measured).length, 1, 'only the loudness is out of spec');
    assert.match(warningsOf(measured)[0], /nearly mono: left\/right correlation 1/);
  });

  it('finds a silent master, a truncated one and a missing stem uncorrectable, naming each', () => {
    const silent = measureMaster({
      sampleRate: RATE,
      channels: [new Float32Array(RATE * 10), new Float32Array(RATE * 10)],
    });
    assert.equal(silent.integrated_lufs, null);
    assert.equal(silent.silent_seconds, 10);
    const short = measureMaster(music(4));
    const problems = uncorrectable(short, [
      { instrument: 'drums', status: 'present', duration_seconds: 12 },
      { instrument: 'bass', status: 'missing', duration_seconds: null, detail: 'no such file' },
    ]);
    assert.deepEqual(uncorrectable(silent, []), [
      'silent: nothing above the -70 LUFS gate in 10 s',
    ]);
    assert.deepEqual(problems, [
      'truncated: 4 s long, its longest stem 12 s',
      'stem bass missing (no such file)',
    ]);
  });
});

describe('master quality: correct', () => {
  it('brings a -9 LUFS / 0 dBTP master to -14 LUFS ±0.5 under -1 dBTP, and says how', () => {
    // Loud and up to full scale: a beat with its peaks at 0 dBTP, pushed to about -9 LUFS.
    let loud = atPeak(music(12), 0);
    const lufs = integratedLoudness(loud.channels, RATE);
    loud = {
      ...loud,
      channels: loud.channels.map((c) =>
        c.map((v) => Math.max(-1, Math.min(1, v * fromDb(-9 - lufs)))),
      ),
    };
    const before = measureMaster(loud);
    assert.ok(Math.abs((before.integrated_lufs ?? 0) + 9) < 1, `${before.integrated_lufs}`);
    assert.ok(outOfSpec(before).some((p) => p.startsWith('integrated loudness')));
    const corrected = correctMaster(loud);
    assert.ok(corrected);
    const after = measureMaster(corrected.audio);
    assert.ok(Math.abs((after.integrated_lufs ?? 0) + 14) <= 0.5, `${after.integrated_lufs} LUFS`);
    assert.ok((after.true_peak_dbtp ?? 0) <= -1, `${after.true_peak_dbtp} dBTP`);
    assert.deepEqual(outOfSpec(after), []);
    assert.ok(corrected.correction.gain_db < -3, `gain ${corrected.correction.gain_db} dB`);
    assert.match(corrected.correction.actions[0], /^gain -\d+\.\d dB$/);
  });

  it('limits the true peak of a master that needs more gain than its peaks allow', () => {
    // Peaks at 0 dBTP, with the body of the track far under them: -14 LUFS needs the limiter.
    const [left, right] = music(12).channels.map((c) => c.map((v) => v * 0.25));
    left[RATE * 3] = 1;
    right[RATE * 6] = -1;
    const spiky = { sampleRate: RATE, channels: [left, right] };
    const before = measureMaster(spiky);
    assert.ok((before.integrated_lufs ?? 0) < -17, `${before.integrated_lufs} LUFS`);
    const corrected = correctMaster(spiky);
    assert.ok(corrected);
    const after = measureMaster(corrected.audio);
    assert.ok(Math.abs((after.integrated_lufs ?? 0) + 14) <= 0.5, `${after.integrated_lufs} LUFS`);
    assert.ok((after.true_peak_dbtp ?? 0) <= -1, `${after.true_peak_dbtp} dBTP`);
    assert.ok(corrected.correction.gain_db > 0);
    assert.ok(corrected.correction.limiter_reduction_db > 1, JSON.stringify(corrected.correction));
    assert.match(corrected.correction.actions[1], /^true-peak limiting under -1.2 dBTP \(up to/);
  });

  it('has nothing to correct in silence', () => {
    assert.equal(
      correctMaster({ sampleRate: RATE, channels: [new Float32Array(RATE)] }),
      undefined,
    );
  });
});

describe('quality check of files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quality-check-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function wav(name: string, audio: PcmAudio): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, encodeWav(audio, 24));
    return file;
  }

  it('writes the correction of a master of ours as a new file, leaving the source as it was', async () => {
    const source = await wav('loud.wav', atPeak(music(6), 0));
    const original = await readFile(source);
    const stem = await wav('drums.wav', music(5, 3));
    const correctedFile = join(dir, 'loud_corrected.wav');
    const { report, failure } = await runQualityCheck({
      source,
      sourceFile: source,
      correctedFile,
      stems: [{ instrument: 'drums', file: stem }],
      owned: true,
    });
    assert.equal(failure, null);
    assert.equal(report.verdict, 'corrected');
    assert.equal(report.delivered, correctedFile);
    assert.deepEqual(report.stems, [
      { instrument: 'drums', status: 'present', duration_seconds: 5 },
    ]);
    assert.ok((await readFile(source)).equals(original), 'the source is not rewritten');
    const delivered = decodeWav(await readFile(correctedFile));
    const peak = toDb(truePeak(delivered.channels));
    assert.ok(peak <= -1, `${peak} dBTP`);
    assert.equal(report.corrected?.true_peak_dbtp, Math.round(peak * 100) / 100);
  });

  it('reports an external master out of spec without failing or writing anything', async () => {
    const source = await wav('external.wav', atPeak(music(6), 0));
    const correctedFile = join(dir, 'external_corrected.wav');
    const { report, failure } = await runQualityCheck({
      source,
      sourceFile: source,
      correctedFile,
      stems: [],
      owned: false,
    });
    assert.equal(failure, null);
    assert.equal(report.verdict, 'out_of_spec');
    assert.equal(report.delivered, source);
    assert.ok(report.problems.some((p) => p.startsWith('true peak')));
    await assert.rejects(readFile(correctedFile), /ENOENT/);
  });

  it('fails a silent master of ours naming what it measured; an unreadable external one is reported', async () => {
    const silent = await wav('silent.wav', {
      sampleRate: RATE,
      channels: [new Float32Array(RATE * 5), new Float32Array(RATE * 5)],
    });
    const failed = await runQualityCheck({
      source: silent,
      sourceFile: silent,
      correctedFile: join(dir, 'silent_corrected.wav'),
      stems: [{ instrument: 'bass', file: join(dir, 'nowhere.wav') }],
      owned: true,
    });
    assert.equal(failed.report.verdict, 'failed');
    assert.match(failed.failure ?? '', /silent: nothing above the -70 LUFS gate in 5 s/);
    assert.match(failed.failure ?? '', /stem bass missing \(no such file\)/);
    assert.match(failed.failure ?? '', /measured silent, -inf dBTP, 5 s, 5 s silent/);

    const unreadable = await runQualityCheck({
      source: 'https://mixer.example/out/m.wav',
      sourceFile: null,
      correctedFile: null,
      stems: [],
      owned: false,
    });
    assert.equal(unreadable.failure, null);
    assert.equal(unreadable.report.verdict, 'unreadable');
    assert.equal(unreadable.report.measured, null);
  });

  it('tells a file cut short from its header', async () => {
    const bytes = encodeWav(music(1), 16);
    assert.equal(declaredDataShortfall(bytes), 0);
    assert.equal(declaredDataShortfall(bytes.subarray(0, bytes.length - 1000)), 1000);
    const cut = await wav('cut.wav', music(2));
    const whole = await readFile(cut);
    await writeFile(cut, whole.subarray(0, whole.length / 2));
    const { report, failure } = await runQualityCheck({
      source: cut,
      sourceFile: cut,
      correctedFile: join(dir, 'cut_corrected.wav'),
      stems: [],
      owned: true,
    });
    assert.equal(report.verdict, 'failed');
    assert.match(failure ?? '', /truncated: \d+ bytes of its audio data are missing/);
  });
});
