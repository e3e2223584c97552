import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RATE, toneSequence } from '../audio/test-signals';
import { PermanentServiceError } from '../clients/service-errors';
import { encodeWav } from '../embedded-services/wav';
import { checkQuality } from '../pipeline/steps/check-quality';
import type { LocalTools } from '../pipeline/steps/step-definition';
import type { QualityReport } from './master-quality';

describe('the check_quality step, on its thread', () => {
  let root: string;
  const options = { timeoutMs: 60_000 };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'check-quality-step-'));
    await mkdir(join(root, 'output'));
    await mkdir(join(root, 'stems'));
    // A loud tone with a gap: 0 dBFS peaks, far above -14 LUFS.
    const loud = toneSequence([{ seconds: 6, dbfs: 0 }], { frequency: 220, fadeSeconds: 0.01 });
    await writeFile(
      join(root, 'output', 'm.wav'),
      encodeWav({ sampleRate: RATE, channels: loud }, 24),
    );
    const stem = toneSequence([{ seconds: 5, dbfs: -12 }], { channels: 1 });
    await writeFile(
      join(root, 'stems', 'bass.wav'),
      encodeWav({ sampleRate: RATE, channels: stem }, 16),
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  function tools(owned: boolean, reports: QualityReport[]): LocalTools {
    return {
      // Paths relative to the shared volume, as a mixer behind ARTIFACT_BASE_URL names them.
      fileInArtifacts: (location) =>
        isAbsolute(location) || /^https?:/.test(location) ? undefined : join(root, location),
      mixerOwned: owned,
      recordQuality: (report) => {
        reports.push(report);
        return Promise.resolve();
      },
    };
  }

  it('delivers the correction of a master of ours under the name the mixer would give it', async () => {
    const reports: QualityReport[] = [];
    const output = await checkQuality.run(
      { master: 'output/m.wav', stems: { bass: 'stems/bass.wav' } },
      { options, tools: tools(true, reports) },
    );
    assert.deepEqual(output, { output_path: 'output/m_corrected.wav', verdict: 'corrected' });
    assert.equal(reports.length, 1);
    assert.equal(reports[0].delivered, 'output/m_corrected.wav');
    const corrected = await readFile(join(root, 'output', 'm_corrected.wav'));
    assert.equal(corrected.toString('latin1', 0, 4), 'RIFF');
  });

  it('fails the job over a missing stem of ours, after recording why', async () => {
    const reports: QualityReport[] = [];
    await assert.rejects(
      checkQuality.run(
        { master: 'output/m.wav', stems: { drums: 'stems/drums.wav' } },
        { options, tools: tools(true, reports) },
      ),
      (error: unknown) =>
        error instanceof PermanentServiceError &&
        /stem drums missing \(no such file\)/.test(error.message),
    );
    assert.equal(reports[0].verdict, 'failed');
  });

  it('reports and delivers as it is a master of an external mixer', async () => {
    const reports: QualityReport[] = [];
    const output = await checkQuality.run(
      { master: 'output/m.wav', stems: { bass: 'https://gen.example/bass.wav' } },
      { options, tools: tools(false, reports) },
    );
    assert.deepEqual(output, { output_path: 'output/m.wav', verdict: 'out_of_spec' });
    assert.deepEqual(
      reports[0].stems.map((s) => s.status),
      ['unchecked'],
    );
  });

  it('stops its thread when the job is cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by request');
    controller.abort(reason);
    await assert.rejects(
      checkQuality.run(
        { master: 'output/m.wav', stems: {} },
        { options: { ...options, signal: controller.signal }, tools: tools(true, []) },
      ),
      (error: unknown) => error === reason,
    );
  });
});
