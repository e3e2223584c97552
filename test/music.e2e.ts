import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { decodeWav } from '../src/embedded-services/wav';
import { postJson, waitForJob } from './support/http-client';
import { useOrchestrator } from './support/use-orchestrator';
import { wavFormat } from './support/wav-fixture';

/**
 * Prompts a user would write, each on a server of its own making tracks of `seconds`: the
 * default length for the first; the suite's short length is enough for the stems of the
 * second.
 */
const PROMPTS = [
  { prompt: 'moody trip-hop in C minor at 90 bpm with piano, bass and drums', seconds: 30 },
  { prompt: 'sunny reggae in A major, 75 BPM, guitar and organ', seconds: 8 },
];

/** RMS of a decoded stem, both channels. */
function rms(channels: Float32Array[]): number {
  let sum = 0;
  for (const channel of channels) for (const x of channel) sum += x * x;
  return Math.sqrt(sum / (channels.length * channels[0].length));
}

/** Tracks as `npm start` makes them (one of the default length), for prompts a user would write. */
describe('music from the embedded services', () => {
  const servers = PROMPTS.map(({ seconds }) =>
    useOrchestrator({ stub: false, env: { EMBEDDED_TRACK_SECONDS: String(seconds) } }),
  );

  it('makes tracks of the length asked, 30 s by default, with a sounding stem for every instrument of the prompt', async () => {
    const created = await Promise.all(
      PROMPTS.map(({ prompt }, index) =>
        postJson<{ job_id: string }>(`${servers[index].app.url}/create-track`, { prompt }),
      ),
    );
    for (const [index, { body }] of created.entries()) {
      const { env, app } = servers[index];
      const { prompt, seconds: length } = PROMPTS[index];
      const job = await waitForJob(app.url, body.job_id, undefined, 120_000);
      assert.equal(job.status, 'SUCCESS', `${prompt}: ${JSON.stringify(job.error)}`);
      const master = await fetch(job.result?.final_track_url ?? '');
      const format = wavFormat(Buffer.from(await master.arrayBuffer()));
      const seconds = format.dataBytes / (format.sampleRate * format.channels * 3);
      assert.ok(seconds >= length, `${prompt}: ${seconds} s`);

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
        assert.ok(audio.channels[0].length / audio.sampleRate >= length, `${instrument} length`);
        assert.ok(rms(audio.channels) > 0.01, `${instrument} is silent`);
      }
    }
  });
});
