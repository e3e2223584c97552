import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReferenceTrackFetcher } from '../clients/reference-track.fetcher';
import type { ServiceClients } from '../clients/service-client';
import type { LocalToolsFactory } from './local-tools';
import { StepExecutor } from './step-executor';
import type { LocalTools } from './steps/step-definition';
import type { Step } from './steps';
import { analyzeStyle } from './steps/analyze-style';
import { parsePrompt } from './steps/parse-prompt';

const options = { timeoutMs: 1_000, idempotencyKey: 'job-1:step' };
const fence = { jobId: 'job-1', attempt: 3 };
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
  const localTools = {
    for: (forFence: typeof fence) => {
      calls.push(['tools', forFence]);
      return { mixerOwned: true } as LocalTools;
    },
  } as unknown as LocalToolsFactory;
  return { calls, executor: new StepExecutor(clients, referenceTracks, localTools) };
}

describe('StepExecutor', () => {
  it('posts a service step its input through that service', async () => {
    const { calls, executor } = recordingExecutor();
    const output = await executor.execute(parsePrompt, { prompt: 'a beat' }, options, fence);
    assert.deepEqual(output, { from: 'parse_prompt' });
    assert.deepEqual(calls, [['postJson', 'prompt-parser', { prompt: 'a beat' }]]);
  });

  it('runs the calls of a step that makes several: download, then upload', async () => {
    const { calls, executor } = recordingExecutor();
    await executor.execute(
      analyzeStyle,
      { reference_track_url: 'http://a/ref.wav' },
      options,
      fence,
    );
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
      run: (input: unknown, work: { tools: LocalTools }) =>
        Promise.resolve({ echoed: input, owned: work.tools.mixerOwned }),
    } as unknown as Step;
    assert.deepEqual(await executor.execute(localStep, 7, options, fence), {
      echoed: 7,
      owned: true,
    });
    // No service is called; the step gets the tools of its own run.
    assert.deepEqual(calls, [['tools', fence]]);
  });
});
