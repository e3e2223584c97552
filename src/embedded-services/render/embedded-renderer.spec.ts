import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppConfig } from '../../config/app-config';
import { compose, renderStem } from '../generation';
import { encodeWav, InvalidAudioError } from '../wav';
import { EmbeddedRenderer } from './embedded-renderer';

const TICK_MS = 5;
// Rendered on this thread, stems and their mix leave the loop no turn at all (0 ticks);
// on a render thread it turns every few milliseconds for as long as the render takes.
const MIN_TICKS = 5;

/** Counts the turns of this thread's event loop while `work` runs. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; value: T }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, TICK_MS);
  try {
    const value = await work();
    return { ticks, value };
  } finally {
    clearInterval(timer);
  }
}

function scoreOf(instruments: string[], tempo: number) {
  return compose({
    instruments,
    tempo,
    key: 'A minor',
    genre: null,
    mood: null,
    seed: 7,
    seconds: 8,
  });
}

describe('embedded rendering off the event loop', () => {
  let artifacts: string;
  let config: AppConfig;
  let renderer: EmbeddedRenderer;

  before(async () => {
    artifacts = await mkdtemp(join(tmpdir(), 'embedded-renderer-'));
    config = new AppConfig({ ARTIFACTS_DIR: artifacts, EMBEDDED_RENDER_THREADS: '1' });
    renderer = new EmbeddedRenderer(config);
  });

  after(async () => {
    await renderer.onApplicationShutdown();
    await rm(artifacts, { recursive: true, force: true });
  });

  it('keeps the API thread turning while stems render and mix', async () => {
    const instruments = ['drums', 'bass', 'synth', 'lead'];
    const score = scoreOf(instruments, 120);
    const { ticks, value } = await ticksDuring(async () => {
      const stems = await Promise.all(
        instruments.map((instrument) => renderer.renderStem(score, instrument)),
      );
      return renderer.mixAndMaster(stems);
    });
    assert.equal(value.toString('latin1', 0, 4), 'RIFF');
    assert.ok(ticks >= MIN_TICKS, `the event loop turned only ${ticks} times during the render`);
  });

  it('renders the same bytes as the synthesizer and encoder on this thread', async () => {
    const score = scoreOf(['bass', 'piano'], 96);
    const expected = encodeWav(renderStem(score, 'bass'), 16);
    assert.ok(expected.equals(await renderer.renderStem(score, 'bass')));
  });

  it('reports a file that is not audio as such, from the render thread', async () => {
    await assert.rejects(
      renderer.analyze(Buffer.from('ID3 this is an mp3')),
      (error: unknown) => error instanceof InvalidAudioError,
    );
  });

  it('refuses work once shut down, so a closing app leaves no thread behind', async () => {
    const closing = new EmbeddedRenderer(config);
    await closing.onApplicationShutdown();
    await assert.rejects(closing.renderStem(scoreOf(['bass'], 100), 'bass'), /shut down/);
  });
});
