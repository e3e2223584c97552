import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closedPortUrl, FileServer } from './support/file-server';
import { JobView, postJson, requestJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';
import { clickTrackWav } from './support/wav-fixture';

const TIMEOUT_MS = 300;
const MAX_BYTES = 100_000;
/** Transient failures (timeout, refused connection) are retried: this keeps the budget small. */
const ATTEMPTS = 2;

/** What a user can do with a reference track URL that misbehaves, and what they see. */
describe('reference track downloads that go wrong', () => {
  const files = new FileServer();
  const { env, stubs, app } = useOrchestrator({
    helpers: [files],
    env: {
      REFERENCE_TRACK_TIMEOUT_MS: String(TIMEOUT_MS),
      REFERENCE_TRACK_MAX_BYTES: String(MAX_BYTES),
      STYLE_ANALYSIS_ATTEMPTS: String(ATTEMPTS),
    },
    resetStubEachTest: true,
  });

  async function runWithReference(url: string): Promise<JobView> {
    const res = await postJson<{ job_id: string }>(`${app.url}/create-track`, {
      prompt: 'a house track like my reference',
      reference_track_url: url,
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return waitForJob(app.url, res.body.job_id);
  }

  /** FAILURE at "Analyzing Style" with `error`, after `attempts` tries, and nothing called after. */
  async function assertFailedAtStyle(job: JobView, error: RegExp, attempts: number) {
    assert.equal(job.status, 'FAILURE', JSON.stringify(job));
    assert.equal(job.result?.step, 'Analyzing Style');
    assert.match(job.result?.error ?? '', error);
    const step = job.steps.find((s) => s.name === 'analyze_style');
    assert.equal(step?.status, 'FAILED');
    assert.equal(step?.attempts, attempts, 'attempts of the download');
    assert.equal(stubs.callsTo('analyze').length, 0, 'nothing is uploaded to style analysis');
    assert.equal(stubs.callsTo('generate').length, 0, 'the job stops at the failed step');
    const [row] = await env.sql<{ status: string; error: { step: string; message: string } }>(
      'SELECT status, error FROM jobs WHERE id = $1',
      [job.job_id],
    );
    assert.equal(row.status, 'FAILURE');
    assert.equal(row.error.step, 'analyze_style');
    assert.equal(row.error.message, job.result?.error, 'the row says what the API says');
    const health = await requestJson(`${app.url}/`);
    assert.equal(health.status, 200, 'the server is still up');
  }

  it('a server that never answers: a timeout, retried, then a clear error', async () => {
    const job = await runWithReference(files.hang('/never-answers.wav'));
    await assertFailedAtStyle(
      job,
      new RegExp(
        `^could not download the reference track: timed out after ${TIMEOUT_MS} ms \\(gave up after ${ATTEMPTS} attempts\\)$`,
      ),
      ATTEMPTS,
    );
  });

  it('a refused connection: retried, then a clear error', async () => {
    const job = await runWithReference(await closedPortUrl('/ref.wav'));
    await assertFailedAtStyle(
      job,
      new RegExp(
        `^could not download the reference track: connection failed: ECONNREFUSED .*\\(gave up after ${ATTEMPTS} attempts\\)$`,
      ),
      ATTEMPTS,
    );
  });

  it('an endless body without Content-Length: the streaming cap stops it, without retrying', async () => {
    // 16 KiB at a time, forever: only the cap can end this download before the timeout does.
    const url = files.serveChunked(
      '/endless.wav',
      clickTrackWav(0.5).subarray(0, 16_384),
      Infinity,
    );
    const job = await runWithReference(url);
    await assertFailedAtStyle(
      job,
      new RegExp(
        `^could not download the reference track: file is larger than the ${MAX_BYTES}-byte limit$`,
      ),
      1,
    );
    assert.ok(files.bytesSent('/endless.wav') < 100 * MAX_BYTES, 'the download was cut short');
  });

  it('a finite body over the cap without Content-Length fails the same way', async () => {
    const wav = clickTrackWav(5); // about 220 kB
    assert.ok(wav.length > MAX_BYTES);
    const job = await runWithReference(files.serveChunked('/big.wav', wav, 1));
    await assertFailedAtStyle(job, /file is larger than the 100000-byte limit$/, 1);
  });

  it('HTML served as audio/wav: "not audio", without retrying', async () => {
    const page = Buffer.from('<!doctype html><html><body><h1>Sign in</h1></body></html>');
    const job = await runWithReference(files.serve('/login.wav', page, 'audio/wav'));
    await assertFailedAtStyle(
      job,
      /^the reference track is not audio: its bytes are not WAV, MP3, FLAC, OGG, AIFF or M4A \(served as audio\/wav, \d+ bytes\)$/,
      1,
    );
  });

  it('a real WAV still goes through to SUCCESS, uploaded as audio/wav whatever it was served as', async () => {
    const wav = clickTrackWav(1);
    for (const [path, type] of [
      ['/ok.wav', 'audio/wav'],
      ['/download?id=7', 'application/octet-stream'],
    ]) {
      stubs.reset();
      const job = await runWithReference(files.serve(path, wav, type));
      assert.equal(job.status, 'SUCCESS', JSON.stringify(job));
      const [upload] = stubs.callsTo('analyze');
      assert.match(upload.body, /Content-Type: audio\/wav/i);
      assert.ok(
        upload.body.includes(wav.subarray(0, 64).toString('latin1')),
        'the WAV is uploaded',
      );
      assert.deepEqual(
        job.steps.map((s) => [s.name, s.status, s.attempts]),
        [
          ['parse_prompt', 'SUCCEEDED', 1],
          ['analyze_style', 'SUCCEEDED', 1],
          ['generate_sound', 'SUCCEEDED', 1],
          ['mix_master', 'SUCCEEDED', 1],
          ['check_quality', 'SUCCEEDED', 1],
        ],
      );
    }
  });
});
