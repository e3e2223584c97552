import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileServer } from './support/file-server';
import { postJson, requestJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';
import { clickTrackWav, wavFormat } from './support/wav-fixture';
import { TAIL_SECONDS } from '../src/embedded-services/generation';
import { TAIL_SECONDS as MIX_TAIL_SECONDS } from '../src/embedded-services/mixer';

/** Whole bars of 4/4 at `tempo` in a track of `seconds` (the tail after the last bar aside). */
function barsAt(tempo: number, seconds: number): number {
  return ((seconds - TAIL_SECONDS - MIX_TAIL_SECONDS) * tempo) / 240;
}

// The test environment's EMBEDDED_TRACK_SECONDS: tracks at least this long.
const SHORT_TRACK_SECONDS = 8;

/** What `npm start` gives a user: the whole job on one server, with the embedded services. */
describe('a job through the embedded reference services', () => {
  const files = new FileServer();
  // No stub, so no service URLs: everything embedded.
  const { env, app } = useOrchestrator({ stub: false, helpers: [files] });

  it('goes from POST to SUCCESS with a downloadable 24-bit 48 kHz WAV, and the row says the same', async () => {
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm.',
    });
    assert.equal(created.status, 202);
    const job = await waitForJob(app.url, created.body.job_id, undefined, 30_000);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const url = job.result?.final_track_url ?? '';
    assert.ok(url.startsWith(`${app.url}/artifacts/output/`), url);

    const download = await fetch(url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'audio/wav');
    const wav = Buffer.from(await download.arrayBuffer());
    const format = wavFormat(wav);
    assert.deepEqual(
      { rate: format.sampleRate, bits: format.bitDepth, channels: format.channels },
      { rate: 48_000, bits: 24, channels: 2 },
    );
    // Whole bars of 4/4 at the prompt's 100 bpm, at least the configured length.
    const seconds = format.dataBytes / (48_000 * 3 * 2);
    assert.ok(seconds >= SHORT_TRACK_SECONDS, `${seconds} s`);
    const bars = barsAt(100, seconds);
    assert.ok(Math.abs(bars - Math.round(bars)) < 0.01, `${bars} bars at 100 bpm`);
    // The embedded mixer's master meets the spec as mixed: checked, delivered as it is.
    const quality = job.quality as {
      verdict: string;
      owned: boolean;
      measured: { integrated_lufs: number; true_peak_dbtp: number; duration_seconds: number };
      stems: { status: string }[];
    };
    assert.equal(quality.verdict, 'passed', JSON.stringify(quality));
    assert.equal(quality.owned, true);
    assert.ok(Math.abs(quality.measured.integrated_lufs + 14) <= 0.5);
    assert.ok(quality.measured.true_peak_dbtp <= -1);
    assert.ok(Math.abs(quality.measured.duration_seconds - seconds) < 0.01);
    assert.ok(quality.stems.length > 0 && quality.stems.every((s) => s.status === 'present'));

    const parsed = job.steps.find((s) => s.name === 'parse_prompt') as unknown as {
      status: string;
    };
    assert.equal(parsed.status, 'SUCCEEDED');
    const [step] = await env.sql<{
      output: { tempo: number; genre: string; instruments: string[] };
    }>("SELECT output FROM job_steps WHERE job_id = $1 AND step = 'parse_prompt'", [job.job_id]);
    assert.equal(step.output.tempo, 100);
    assert.equal(step.output.genre, 'lo-fi hip hop');
    assert.deepEqual(step.output.instruments, ['piano', 'drums']);
    const [row] = await env.sql<{ status: string; result: { final_track_url: string } }>(
      'SELECT status, result FROM jobs WHERE id = $1',
      [job.job_id],
    );
    assert.equal(row.status, 'SUCCESS');
    assert.ok(url.endsWith(row.result.final_track_url), 'the row stores the same download path');
  });

  it('analyses a reference track and follows its tempo when the prompt has none', async () => {
    const reference = files.serve('/reference.wav', clickTrackWav(12, 120));
    const created = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'dark techno with bass and drums',
      reference_track_url: reference,
    });
    const job = await waitForJob(app.url, created.body.job_id, undefined, 30_000);
    assert.equal(job.status, 'SUCCESS', JSON.stringify(job.error));
    const [analysis] = await env.sql<{
      output: { tempo: number; segments: { end_time: number }[] };
    }>("SELECT output FROM job_steps WHERE job_id = $1 AND step = 'analyze_style'", [job.job_id]);
    assert.ok(Math.abs(analysis.output.tempo - 120) <= 3, `tempo ${analysis.output.tempo}`);
    assert.equal(analysis.output.segments[analysis.output.segments.length - 1].end_time, 12);
    const master = await fetch(job.result?.final_track_url ?? '');
    const format = wavFormat(Buffer.from(await master.arrayBuffer()));
    const seconds = format.dataBytes / (48_000 * 3 * 2);
    assert.ok(seconds >= SHORT_TRACK_SECONDS, `${seconds} s`);
    const bars = barsAt(analysis.output.tempo, seconds);
    assert.ok(Math.abs(bars - Math.round(bars)) < 0.01, `${bars} bars at the analysed tempo`);
  });

  it('keeps the embedded services to their contracts', async () => {
    const empty = await postJson<{ detail: string }>(`${app.url}/reference/prompt-parser/parse`, {
      prompt: '   ',
    });
    assert.equal(empty.status, 400);
    const noStems = await postJson<{ detail: string }>(
      `${app.url}/reference/mixing-mastering/process`,
      { stem_paths: [] },
    );
    assert.equal(noStems.status, 400);
    const outside = await postJson<{ detail: string }>(
      `${app.url}/reference/mixing-mastering/process`,
      { stem_paths: ['/etc/passwd'] },
    );
    assert.equal(outside.status, 400);
    assert.match(outside.body.detail, /^stem_paths\[0\] "\/etc\/passwd" is outside/);
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('not audio at all')]), 'x.wav');
    const bad = await requestJson<{ detail: string }>(
      `${app.url}/reference/style-analysis/analyze`,
      { method: 'POST', body: form },
    );
    assert.equal(bad.status, 422);
    assert.match(bad.body.detail, /could not decode audio/);
    const defaults = await postJson<{ stems: Record<string, string> }>(
      `${app.url}/reference/sound-generation/generate`,
      {
        prompt_spec: { tempo: null, key: null, genre: null, instruments: [], mood: null },
      },
    );
    assert.equal(defaults.status, 200);
    assert.deepEqual(Object.keys(defaults.body.stems), ['drums', 'bass', 'synth', 'lead']);
    const first = await postJson(
      `${app.url}/reference/sound-generation/generate`,
      { prompt_spec: { instruments: ['piano'] } },
      { 'idempotency-key': 'k1' },
    );
    const replay = await postJson(
      `${app.url}/reference/sound-generation/generate`,
      { prompt_spec: { instruments: ['piano'] } },
      { 'idempotency-key': 'k1' },
    );
    assert.deepEqual(replay.body, first.body, 'the same Idempotency-Key gets the first answer');
  });
});
