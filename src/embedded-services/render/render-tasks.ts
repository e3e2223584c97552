import type { StyleFeatures } from '../../clients/contracts';
import { analyzeAudio } from '../analysis/analyze-audio';
import { mixAndMaster } from '../mixer';
import { renderStem, type Score } from '../generation';
import { decodeWav, encodeWav, InvalidAudioError } from '../wav';

/**
 * The embedded services' CPU work, as plain data in and out so it can run on a worker
 * thread: WAV files travel as ArrayBuffers (transferred, never copied), answers as JSON.
 */
export type RenderTask =
  | { kind: 'render-stem'; instrument: string; score: Score }
  | {
      kind: 'mix';
      stems: ArrayBuffer[];
      /** Each stem's file or instrument name. */ names?: string[];
    }
  | { kind: 'analyze'; audio: ArrayBuffer };

/** A file the caller sent that is not audio: told apart so HTTP can answer 422 naming it. */
export interface InvalidAudio {
  kind: 'invalid-audio';
  /** Which of the task's files, for `mix`. */
  index: number;
  message: string;
}

export type RenderResult =
  { kind: 'wav'; wav: ArrayBuffer } | { kind: 'features'; features: StyleFeatures } | InvalidAudio;

/** The bytes of a Buffer as an ArrayBuffer of their own, so it can be transferred. */
export function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  ) {
    return bytes.buffer;
  }
  // A slice of Node's shared pool (small buffers): copy it, or the transfer would take the pool.
  return Uint8Array.prototype.slice.call(bytes).buffer;
}

/** What a result must hand over rather than copy. */
export function transferablesOf(value: RenderTask | RenderResult): ArrayBuffer[] {
  switch (value.kind) {
    case 'mix':
      return value.stems;
    case 'analyze':
      return [value.audio];
    case 'wav':
      return [value.wav];
    default:
      return [];
  }
}

function decodeOrReport(bytes: ArrayBuffer, index: number) {
  try {
    return decodeWav(Buffer.from(bytes));
  } catch (error) {
    if (error instanceof InvalidAudioError) {
      const invalid: InvalidAudio = { kind: 'invalid-audio', index, message: error.message };
      return invalid;
    }
    throw error;
  }
}

export function runRenderTask(task: RenderTask): RenderResult {
  switch (task.kind) {
    case 'render-stem':
      return {
        kind: 'wav',
        wav: ownArrayBuffer(encodeWav(renderStem(task.score, task.instrument), 16)),
      };
    case 'mix': {
      const stems = [];
      for (const [index, bytes] of task.stems.entries()) {
        const decoded = decodeOrReport(bytes, index);
        if ('kind' in decoded) return decoded;
        stems.push(decoded);
      }
      return {
        kind: 'wav',
        wav: ownArrayBuffer(encodeWav(mixAndMaster(stems, task.names), 24)),
      };
    }
    case 'analyze': {
      const decoded = decodeOrReport(task.audio, 0);
      if ('kind' in decoded) return decoded;
      return { kind: 'features', features: analyzeAudio(decoded) };
    }
  }
}
