import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { decodeWav } from '../src/embedded-services/wav';
import { postJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';
import { wavFormat } from './support/wav-fixture';

const PROMPTS = [
  'moody trip-hop in C minor at 90 bpm with piano, bass and drums',
  'sunny reggae in A major, 75 BPM, guitar and organ',
];

/** RMS of a decoded stem, both channels. */
function rms(channels: Float32Array[]): number {
  let sum = 0;
  for (const channel of channels) for (const x of channel) sum += x * x;
  return Math.sqrt(sum / (channels.length * channels[0].length));
}

/** Tracks of the default length, as `npm start` makes them, for prompts a user would write. */
describe('music from the embedded services', () => {
  const { env, app } = useOrchestrator({
    stub: false,
    env: { EMBEDDED_TRACK_SECONDS: '30' },
  });

  it('makes tracks of at least 30 s with a sounding stem for every instrument of the prompt', async () => {
    const created = await Promise.all(
      PROMPTS.map((prompt) => postJson<{ job_id: string }>(`${app.url}/create-track`, { prompt })),
    );
    for (const [index, { body }] of created.entries()) {
      const job = await waitForJob(app.url, body.job_id, undefined, 120_000);
      assert.equal(job.status, 'SUCCESS', `${PROMPTS[index]}: ${JSON.stringify(job.error)}`);
      const master = await fetch(job.result?.final_track_url ?? '');
      const format = wavFormat(Buffer.from(await master.arrayBuffer()));
      const seconds = format.dataBytes / (format.sampleRate * format.channels * 3);
      assert.ok(seconds >= 30, `${PROMPTS[index]}: ${seconds} s`);

      const outputs = await env.sql<{ step: string; output: Record<string, unknown> }>(
        "SELECT step, output FROM job_steps WHERE job_id = $1 AND step IN ('parse_prompt', 'generate_sound')",
        [body.job_id],
      );
      const spec = outputs.find((o) => o.step === 'parse_prompt')?.output as {
        instruments: string[];
      };
      const stems = (
        outputs.find((o) => o.step === 'generate_sound')?.output as {
          stems: Record<string, string>;
        }
      ).stems;
      assert.deepEqual(Object.keys(stems).sort(), [...spec.instruments].sort());
      for (const [instrument, path] of Object.entries(stems)) {
        const audio = decodeWav(await readFile(path));
        assert.ok(audio.channels[0].length / audio.sampleRate >= 30, `${instrument} length`);
        assert.ok(rms(audio.channels) > 0.01, `${instrument} is silent`);
      }
    }
  });
});
