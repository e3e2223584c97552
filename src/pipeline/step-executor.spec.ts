import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReferenceTrackFetcher } from '../clients/reference-track.fetcher';
import type { ServiceClients } from '../clients/service-client';
import { StepExecutor } from './step-executor';
import type { Step } from './steps';
import { analyzeStyle } from './steps/analyze-style';
import { parsePrompt } from './steps/parse-prompt';

const options = { timeoutMs: 1_000, idempotencyKey: 'job-1:step' };
const track = { bytes: Buffer.from('RIFF'), filename: 'ref.wav', contentType: 'audio/wav' };

/** Records every call the steps make, in order. */
function recordingExecutor() {
  const calls: unknown[][] = [];
  const clients = {
    for: (step: Step) => ({
      postJson: (body: unknown) => {
        calls.push(['postJson', step.service?.name, body]);
        return Promise.resolve({ from: step.name });
      },
      postFile: (file: { filename: string }) => {
        calls.push(['postFile', step.service?.name, file.filename]);
        return Promise.resolve({ from: step.name });
      },
    }),
  } as unknown as ServiceClients;
  const referenceTracks = {
    fetch: (url: string) => {
      calls.push(['fetch', url]);
      return Promise.resolve(track);
    },
  } as unknown as ReferenceTrackFetcher;
  return { calls, executor: new StepExecutor(clients, referenceTracks) };
}

describe('StepExecutor', () => {
  it('posts a service step its input through that service', async () => {
    const { calls, executor } = recordingExecutor();
    const output = await executor.execute(parsePrompt, { prompt: 'a beat' }, options);
    assert.deepEqual(output, { from: 'parse_prompt' });
    assert.deepEqual(calls, [['postJson', 'prompt-parser', { prompt: 'a beat' }]]);
  });

  it('runs the calls of a step that makes several: download, then upload', async () => {
    const { calls, executor } = recordingExecutor();
    await executor.execute(analyzeStyle, { reference_track_url: 'http://a/ref.wav' }, options);
    assert.deepEqual(calls, [
      ['fetch', 'http://a/ref.wav'],
      ['postFile', 'style-analysis', 'ref.wav'],
    ]);
  });

  it('runs a step with no service locally, calling nothing', async () => {
    const { calls, executor } = recordingExecutor();
    const localStep = {
      ...parsePrompt,
      service: undefined,
      run: (input: unknown) => Promise.resolve({ echoed: input }),
    } as unknown as Step;
    assert.deepEqual(await executor.execute(localStep, 7, options), { echoed: 7 });
    assert.deepEqual(calls, []);
  });
});
