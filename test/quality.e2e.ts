import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { integratedLoudness } from '../src/audio/loudness';
import { fromDb, toDb, truePeak } from '../src/audio/true-peak';
import { decodeWav, encodeWav } from '../src/embedded-services/wav';
import type { QualityReport } from '../src/quality/master-quality';
import type { StubCall } from './support/contract-stub';
import { postJson, requestJson, waitForJob, type JobView } from './support/http-client';
import { type Orchestrator, useOrchestrator } from './support/use-orchestrator';

const RATE = 48_000;

/** A stereo beat with a bass line: noise hits on the beat over a 55 Hz tone, left and right apart. */
function beat(seconds: number): Float32Array[] {
  const frames = seconds * RATE;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  let seed = 7;
  const noise = () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32 - 0.5;
  };
  for (let n = 0; n < frames; n++) {
    const hit = Math.exp(-((n % (RATE / 2)) / (RATE * 0.04)));
    const bass = 0.3 * Math.sin((2 * Math.PI * 55 * n) / RATE);
    left[n] = bass + hit * noise();
    right[n] = bass + hit * noise();
  }
  return [left, right];
}

/** A master at about -9 LUFS whose peaks hit full scale (0 dBTP and over): hot and clipped. */
function hotMaster(seconds: number): Buffer {
  let channels = beat(seconds);
  for (let pass = 0; pass < 4; pass++) {
    const gain = fromDb(-9 - integratedLoudness(channels, RATE));
    channels = channels.map((c) => c.map((v) => Math.max(-1, Math.min(1, v * gain))));
  }
  return encodeWav({ sampleRate: RATE, channels }, 24);
}

function measure(wav: Buffer): { lufs: number; dbtp: number } {
  const { channels, sampleRate } = decodeWav(wav);
  return { lufs: integratedLoudness(channels, sampleRate), dbtp: toDb(truePeak(channels)) };
}

interface Artifacts {
  status: string;
  artifacts: { kind: string; name: string; url: string }[];
}

/**
 * A stub generator and mixer whose files are on the shared volume: the stems and the master
 * (hot, or silent for a prompt that says so) are written where the orchestrator reads them.
 */
function stubbedFiles(harness: Orchestrator) {
  const { env, stubs } = harness;
  const masterBytes = new Map<string, Buffer>();

  /** The stems and the master the stub's services "made", written where the orchestrator reads. */
  function stemsOf(call: StubCall) {
    const dir = join(env.artifactsDir, 'stems');
    mkdirSync(dir, { recursive: true });
    const stems: Record<string, string> = {};
    const [left, right] = beat(8);
    for (const [instrument, channel] of [
      ['drums', left],
      ['bass', right],
    ] as const) {
      const path = join(dir, `${call.jobId}_${instrument}.wav`);
      writeFileSync(path, encodeWav({ sampleRate: RATE, channels: [channel] }, 16));
      stems[instrument] = path;
    }
    return { body: { job_id: `gen_${call.jobId}`, stems } };
  }

  function masterOf(call: StubCall) {
    const dir = join(env.artifactsDir, 'output');
    mkdirSync(dir, { recursive: true });
    const silent = call.prompt.includes('silent');
    const bytes = silent
      ? encodeWav(
          { sampleRate: RATE, channels: [new Float32Array(8 * RATE), new Float32Array(8 * RATE)] },
          24,
        )
      : hotMaster(8);
    const path = join(dir, `${call.jobId}_master.wav`);
    writeFileSync(path, bytes);
    masterBytes.set(call.jobId, bytes);
    return { body: { output_path: path, message: 'Mixing and mastering complete.' } };
  }

  function scriptServices(): void {
    stubs.script('parse', () => ({
      body: {
        tempo: 120,
        key: 'A minor',
        genre: 'techno',
        instruments: ['drums', 'bass'],
        style_references: [],
        mood: null,
      },
    }));
    stubs.script('generate', stemsOf);
    stubs.script('process', masterOf);
  }

  async function run(base: string, prompt: string): Promise<JobView> {
    scriptServices();
    const res = await postJson<{ job_id: string }>(`${base}/create-track`, { prompt });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return waitForJob(base, res.body.job_id, undefined, 60_000);
  }

  async function download(base: string, url: string): Promise<Buffer> {
    const res = await fetch(new URL(url, base));
    assert.equal(res.status, 200, url);
    return Buffer.from(await res.arrayBuffer());
  }

  return { run, download, masterBytes };
}

/**
 * The quality check against a stub mixer whose masters are ours to correct
 * (MIXING_MASTERING_OWNED=true): a hot master is corrected into a new file, a silent one
 * fails the job.
 */
describe('quality check of a master of ours before delivery', () => {
  const harness = useOrchestrator({ env: { MIXING_MASTERING_OWNED: 'true' } });
  const { env, stubs, app } = harness;
  const { run, download, masterBytes } = stubbedFiles(harness);

  it('corrects a -9 LUFS / 0 dBTP master of ours into a new file that meets the spec, and says what it did', async () => {
    const job = await run(app.url, 'hot techno');
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const source = masterBytes.get(job.job_id);
    assert.ok(source);
    const before = measure(source);
    assert.ok(Math.abs(before.lufs + 9) <= 0.5, `the stub's master is at ${before.lufs} LUFS`);
    assert.ok(before.dbtp >= 0, `the stub's master peaks at ${before.dbtp} dBTP`);

    // The delivered master, as a user downloads it, read with the project's meter.
    const finalUrl = job.result?.final_track_url ?? '';
    assert.match(finalUrl, /_master_corrected\.wav$/);
    const delivered = measure(await download(app.url, finalUrl));
    assert.ok(Math.abs(delivered.lufs + 14) <= 0.5, `delivered at ${delivered.lufs} LUFS`);
    assert.ok(delivered.dbtp <= -1, `delivered peaking at ${delivered.dbtp} dBTP`);

    const quality = job.quality as QualityReport;
    assert.equal(quality.verdict, 'corrected');
    assert.equal(quality.owned, true);
    assert.ok(quality.problems.some((p) => /^integrated loudness -9(\.\d+)? LUFS/.test(p)));
    assert.ok(quality.problems.some((p) => /^true peak \d+(\.\d+)? dBTP, above -1 dBTP/.test(p)));
    assert.ok((quality.correction?.gain_db ?? 0) < -4, JSON.stringify(quality.correction));
    // At -9 LUFS its crest leaves room: the gain alone brings it under the ceiling.
    assert.deepEqual(quality.correction?.actions, [
      `gain ${quality.correction?.gain_db.toFixed(1)} dB`,
    ]);
    assert.ok(Math.abs((quality.corrected?.integrated_lufs ?? 0) + 14) <= 0.5);
    assert.ok((quality.corrected?.true_peak_dbtp ?? 0) <= -1);
    assert.deepEqual(
      quality.stems.map((s) => [s.instrument, s.status]),
      [
        ['bass', 'present'],
        ['drums', 'present'],
      ],
    );

    // The mixer was called once; its own file is left as it made it, and listed beside the final.
    assert.equal(stubs.callsTo('process', job.job_id).length, 1);
    const sourceFile = join(env.artifactsDir, 'output', `${job.job_id}_master.wav`);
    assert.ok((await readFile(sourceFile)).equals(source), "the mixer's file is not rewritten");
    const listed = await requestJson<Artifacts>(`${app.url}/jobs/${job.job_id}/artifacts`);
    assert.deepEqual(
      listed.body.artifacts.map((a) => [a.kind, a.name]),
      [
        ['stem', `${job.job_id}_bass.wav`],
        ['stem', `${job.job_id}_drums.wav`],
        ['mix', `${job.job_id}_master.wav`],
        ['final', `${job.job_id}_master_corrected.wav`],
      ],
    );

    // The step runs under the label the original clients know, and says so in its event.
    const check = job.steps.find((s) => s.name === 'check_quality');
    assert.equal(check?.status, 'SUCCEEDED');
    assert.equal((check as { label?: string } | undefined)?.label, 'Checking Quality');
    const events = await env.sql<{ data: QualityReport }>(
      `SELECT data FROM job_events WHERE job_id = $1 AND type = 'quality.checked'`,
      [job.job_id],
    );
    assert.deepEqual(
      events.map((e) => e.data.verdict),
      ['corrected'],
    );
    const listedJob = await requestJson<{ items: { job_id: string; quality: QualityReport }[] }>(
      `${app.url}/jobs?limit=5`,
    );
    const item = listedJob.body.items.find((i) => i.job_id === job.job_id);
    assert.equal(item?.quality.verdict, 'corrected', 'list items carry the report too');
  });

  it('fails a silent master of ours naming what it measured, its files still listed', async () => {
    const job = await run(app.url, 'silent techno');
    assert.equal(job.status, 'FAILURE');
    assert.equal(job.error?.step, 'check_quality');
    assert.match(job.error?.message ?? '', /silent: nothing above the -70 LUFS gate in 8 s/);
    assert.match(job.error?.message ?? '', /measured silent, -inf dBTP, 8 s, 8 s silent/);
    assert.equal((job.result as { step?: string } | null)?.step, 'Mixing and Mastering');
    const quality = job.quality as QualityReport;
    assert.equal(quality.verdict, 'failed');
    assert.equal(quality.measured?.integrated_lufs, null);
    const listed = await requestJson<Artifacts>(`${app.url}/jobs/${job.job_id}/artifacts`);
    assert.equal(listed.body.status, 'FAILURE');
    assert.deepEqual(
      listed.body.artifacts.map((a) => [a.kind, a.name]),
      [
        ['stem', `${job.job_id}_bass.wav`],
        ['stem', `${job.job_id}_drums.wav`],
        ['mix', `${job.job_id}_master.wav`],
      ],
    );
  });
});

describe("quality check of an external mixer's master", () => {
  const harness = useOrchestrator();
  const { env, app } = harness;
  const { run, download, masterBytes } = stubbedFiles(harness);

  it("reports an external mixer's master out of spec without rewriting it, and the job succeeds", async () => {
    const job = await run(app.url, 'hot techno, external mixer');
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const finalUrl = job.result?.final_track_url ?? '';
    assert.match(finalUrl, new RegExp(`${job.job_id}_master\\.wav$`));
    const delivered = await download(app.url, finalUrl);
    assert.ok(delivered.equals(masterBytes.get(job.job_id) ?? Buffer.alloc(0)));
    const quality = job.quality as QualityReport;
    assert.equal(quality.verdict, 'out_of_spec');
    assert.equal(quality.owned, false);
    assert.equal(quality.correction, null);
    assert.ok(quality.problems.some((p) => p.startsWith('true peak')));
    const written = await readdir(join(env.artifactsDir, 'output'));
    assert.ok(!written.includes(`${job.job_id}_master_corrected.wav`), 'nothing was written');
  });
});
