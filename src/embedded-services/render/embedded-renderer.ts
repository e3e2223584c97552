import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { StyleFeatures } from '../../clients/contracts';
import { AppConfig } from '../../config/app-config';
import type { Score } from '../generation';
import { InvalidAudioError } from '../wav';
import { RenderPool } from './render-pool';
import { ownArrayBuffer, type RenderResult } from './render-tasks';

/** A stem sent to mixing that is not audio: which one, and why. */
export class InvalidStemError extends InvalidAudioError {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

// Compiled beside this file, in dist/ and .test-build/ alike.
const WORKER_FILE = join(__dirname, 'render.worker.js');

/**
 * The embedded services' CPU work (stem synthesis, mixing and mastering, reference
 * analysis) on a pool of worker threads, so the API's event loop keeps answering while
 * tracks are made. Sized by EMBEDDED_RENDER_THREADS.
 */
@Injectable()
export class EmbeddedRenderer implements OnApplicationShutdown {
  private readonly pool: RenderPool;

  constructor(config: AppConfig) {
    this.pool = new RenderPool(config.embeddedRenderThreads, WORKER_FILE);
  }

  /** One instrument's stem of a composed score, as a 16-bit WAV file. */
  async renderStem(score: Score, instrument: string): Promise<Buffer> {
    return this.wavOf(await this.pool.run({ kind: 'render-stem', instrument, score }));
  }

  /**
   * The mastered mix of WAV files, as a 24-bit WAV file; `names` (the stems' file or
   * instrument names) choose how each is mixed. Throws InvalidStemError.
   */
  async mixAndMaster(stems: Buffer[], names?: string[]): Promise<Buffer> {
    const result = await this.pool.run({ kind: 'mix', stems: stems.map(ownArrayBuffer), names });
    if (result.kind === 'invalid-audio') throw new InvalidStemError(result.index, result.message);
    return this.wavOf(result);
  }

  /** Style features of a WAV file; throws InvalidAudioError. */
  async analyze(audio: Buffer): Promise<StyleFeatures> {
    const result = await this.pool.run({ kind: 'analyze', audio: ownArrayBuffer(audio) });
    if (result.kind === 'invalid-audio') throw new InvalidAudioError(result.message);
    if (result.kind !== 'features') throw new Error(`unexpected render answer ${result.kind}`);
    return result.features;
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }

  private wavOf(result: RenderResult): Buffer {
    if (result.kind !== 'wav') throw new Error(`unexpected render answer ${result.kind}`);
    return Buffer.from(result.wav);
  }
}
