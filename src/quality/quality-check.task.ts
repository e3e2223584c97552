import { readFile, writeFile } from 'node:fs/promises';
import { decodeWav, encodeWav } from '../embedded-services/wav';
import {
  correctMaster,
  measureMaster,
  measuredSummary,
  outOfSpec,
  SPEC_OF_REPORT,
  type StemCheck,
  uncorrectable,
  warningsOf,
  type PcmAudio,
  type QualityReport,
} from './master-quality';

/** What the check is asked to look at: files this process can read, or null. */
export interface QualityCheckRequest {
  /** The master as the mixing service named it. */
  source: string;
  /** Its file in ARTIFACTS_DIR; null when it is elsewhere (another server's volume, a URL). */
  sourceFile: string | null;
  /** Where a corrected master is written (beside the source). */
  correctedFile: string | null;
  /** The corrected master as the mixer would name it (the source's name, `_corrected`). */
  correctedLocation?: string | null;
  stems: { instrument: string; file: string | null }[];
  owned: boolean;
}

/** The report, and whether the job must fail over it (with the message saying why). */
export interface QualityCheckOutcome {
  report: QualityReport;
  failure: string | null;
}

/** Silence of a stem: nothing above -60 dBFS anywhere in it. */
const STEM_SILENCE = 10 ** (-60 / 20);

async function readWav(file: string): Promise<{ audio: PcmAudio } | { error: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})` };
  }
  const shortBy = declaredDataShortfall(bytes);
  if (shortBy > 0) return { error: `truncated: ${shortBy} bytes of its audio data are missing` };
  try {
    return { audio: decodeWav(bytes) };
  } catch (error) {
    return { error: `not a WAV file: ${(error as Error).message}` };
  }
}

/** How many bytes of the `data` chunk its header announces and the file does not hold. */
export function declaredDataShortfall(bytes: Buffer): number {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF') return 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      // 0 and 0xFFFFFFFF: a streamed file whose writer left the size open.
      if (size === 0 || size === 0xffffffff) return 0;
      return Math.max(0, offset + 8 + size - bytes.length);
    }
    offset += 8 + size + (size % 2);
  }
  return 0;
}

async function checkStem(stem: QualityCheckRequest['stems'][number]): Promise<StemCheck> {
  const { instrument, file } = stem;
  if (file === null) return { instrument, status: 'unchecked', duration_seconds: null };
  const read = await readWav(file);
  if ('error' in read)
    return { instrument, status: 'missing', duration_seconds: null, detail: read.error };
  const { channels, sampleRate } = read.audio;
  const duration = Math.round(((channels[0]?.length ?? 0) / sampleRate) * 1000) / 1000;
  const audible = channels.some((channel) => channel.some((v) => Math.abs(v) >= STEM_SILENCE));
  return { instrument, status: audible ? 'present' : 'silent', duration_seconds: duration };
}

/**
 * Reads, measures and (for a master of ours out of spec) corrects. Runs on a worker thread:
 * decoding, metering and limiting a track take seconds of CPU.
 */
export async function runQualityCheck(request: QualityCheckRequest): Promise<QualityCheckOutcome> {
  const stems = await Promise.all(request.stems.map(checkStem));
  const base: QualityReport = {
    verdict: 'unreadable',
    owned: request.owned,
    spec: SPEC_OF_REPORT,
    source: request.source,
    delivered: request.source,
    measured: null,
    corrected: null,
    correction: null,
    stems,
    problems: [],
    warnings: [],
  };
  const read =
    request.sourceFile === null
      ? { error: 'not a file this server can read' }
      : await readWav(request.sourceFile);
  if ('error' in read) {
    const problem = `master ${read.error}`;
    if (!request.owned) return { report: { ...base, problems: [problem] }, failure: null };
    const report: QualityReport = { ...base, verdict: 'failed', problems: [problem] };
    return { report, failure: `The master ${request.source} cannot be checked: ${read.error}` };
  }
  const measured = measureMaster(read.audio);
  const warnings = warningsOf(measured);
  const fatal = uncorrectable(measured, stems);
  const fixable = outOfSpec(measured);
  const problems = [...fatal, ...fixable];
  const reported: QualityReport = { ...base, measured, problems, warnings };
  if (!request.owned)
    return {
      report: { ...reported, verdict: problems.length > 0 ? 'out_of_spec' : 'passed' },
      failure: null,
    };
  if (fatal.length > 0)
    return {
      report: { ...reported, verdict: 'failed' },
      failure: `The master fails the quality check: ${fatal.join('; ')} (${measuredSummary(measured)})`,
    };
  if (fixable.length === 0) return { report: { ...reported, verdict: 'passed' }, failure: null };
  const corrected = correctMaster(read.audio);
  if (corrected === undefined || request.correctedFile === null)
    return {
      report: { ...reported, verdict: 'failed' },
      failure: `The master could not be corrected: ${fixable.join('; ')} (${measuredSummary(measured)})`,
    };
  await writeFile(request.correctedFile, encodeWav(corrected.audio, 24));
  return {
    report: {
      ...reported,
      verdict: 'corrected',
      delivered: request.correctedLocation ?? request.correctedFile,
      corrected: measureMaster(corrected.audio),
      correction: corrected.correction,
    },
    failure: null,
  };
}
