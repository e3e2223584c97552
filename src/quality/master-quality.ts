import { integratedLoudness } from '../audio/loudness';
import { normaliseLoudness } from '../audio/loudness-target';
import { clippedRuns, silenceProfile, stereoCorrelation } from '../audio/stereo';
import { toDb, truePeak } from '../audio/true-peak';

/**
 * What the quality check holds a master to, measures of it and does about it: the spec of
 * a delivered master (-14 LUFS ±0.5 integrated, BS.1770-4 gated; at most -1.0 dBTP), the
 * measurement (loudness, true peak, clipping, silence, duration, stereo correlation), the
 * verdict, and the correction of a master that is ours: gain and true-peak limiting, aimed
 * at -14 LUFS and -1.2 dBTP.
 */

export const QUALITY_SPEC = {
  lufs: -14,
  toleranceLu: 0.5,
  maxTruePeakDbtp: -1,
  /** The correction's aim: 0.2 dB under the ceiling, so an independent meter reads under it. */
  aimTruePeakDbtp: -1.2,
  /** A master whose channels are more alike than this is reported as nearly mono. */
  maxCorrelation: 0.9,
  /** A master shorter than this is no track. */
  minSeconds: 1,
  /** A master this much shorter than its longest stem was cut off. */
  truncationToleranceSeconds: 0.5,
  /** A master silent (100 ms windows under -60 dBFS) for at least this share of it is silent. */
  maxSilentShare: 0.5,
} as const;

/** What the check measured of one file. */
export interface MasterMeasurement {
  /** Integrated loudness, LUFS; null when nothing passes the absolute gate (silence). */
  integrated_lufs: number | null;
  /** True peak (4x oversampled), dBTP; null for digital silence. */
  true_peak_dbtp: number | null;
  /** Runs of three or more samples at full scale, over all channels. */
  clipped_runs: number;
  duration_seconds: number;
  /** Seconds of 100 ms windows under -60 dBFS, and the longest such stretch. */
  silent_seconds: number;
  longest_silence_seconds: number;
  /** Pearson correlation of left and right; 1 for a mono file. */
  stereo_correlation: number;
  sample_rate: number;
  channels: number;
}

export type StemPresence = 'present' | 'missing' | 'silent' | 'unchecked';

/** One stem of the generation's output, as the check found its file. */
export interface StemCheck {
  instrument: string;
  status: StemPresence;
  duration_seconds: number | null;
  /** Why a stem is missing (the file is not there, or not audio). */
  detail?: string;
}

/**
 * `passed`: in spec as it came; `corrected`: ours, out of spec, corrected into a new file;
 * `failed`: ours and not correctable (the job fails); `out_of_spec`: another service's master
 * out of spec, reported only; `unreadable`: another service's master this process cannot
 * read, so nothing was measured.
 */
export type QualityVerdict = 'passed' | 'corrected' | 'failed' | 'out_of_spec' | 'unreadable';

export interface QualityCorrection {
  gain_db: number;
  limiter_reduction_db: number;
  /** What was done, in words ("gain -5.0 dB", ...). */
  actions: string[];
}

/** The report the check records on the job (`jobs.quality`, `quality.checked`). */
export interface QualityReport {
  verdict: QualityVerdict;
  /** Whether the master was this process's to correct (the embedded mixer, or MIXING_MASTERING_OWNED). */
  owned: boolean;
  spec: { integrated_lufs: number; tolerance_lu: number; max_true_peak_dbtp: number };
  /** The mixing service's master, as it came. */
  source: string;
  /** The master delivered: `source`, or the corrected file. */
  delivered: string;
  /** The measurement of `source`; null when it could not be read. */
  measured: MasterMeasurement | null;
  /** The measurement of the corrected file; null when nothing was corrected. */
  corrected: MasterMeasurement | null;
  correction: QualityCorrection | null;
  stems: StemCheck[];
  /** What is out of spec in `source` (or why it could not be checked). */
  problems: string[];
  /** What is worth knowing and not a reason to correct or fail (a narrow stereo image). */
  warnings: string[];
}

/** An audio file as the meters read it. */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function measureMaster(audio: PcmAudio): MasterMeasurement {
  const { sampleRate, channels } = audio;
  const frames = channels[0]?.length ?? 0;
  const loudness = frames > 0 ? integratedLoudness(channels, sampleRate) : -Infinity;
  const peak = frames > 0 ? truePeak(channels) : 0;
  const silence = silenceProfile(channels, sampleRate);
  return {
    integrated_lufs: Number.isFinite(loudness) ? round(loudness) : null,
    true_peak_dbtp: peak > 0 ? round(toDb(peak)) : null,
    clipped_runs: clippedRuns(channels),
    duration_seconds: round(frames / sampleRate, 3),
    silent_seconds: round(silence.silentSeconds, 1),
    longest_silence_seconds: round(silence.longestSeconds, 1),
    stereo_correlation: round(stereoCorrelation(channels), 3),
    sample_rate: sampleRate,
    channels: channels.length,
  };
}

/** Why a master cannot be delivered however it is corrected; empty when it can. */
export function uncorrectable(measured: MasterMeasurement, stems: readonly StemCheck[]): string[] {
  const problems: string[] = [];
  const duration = measured.duration_seconds;
  if (measured.integrated_lufs === null)
    problems.push(`silent: nothing above the -70 LUFS gate in ${duration} s`);
  else if (duration > 0 && measured.silent_seconds / duration >= QUALITY_SPEC.maxSilentShare)
    problems.push(
      `silent: ${measured.silent_seconds} s of ${duration} s below -60 dBFS (longest ${measured.longest_silence_seconds} s)`,
    );
  if (duration < QUALITY_SPEC.minSeconds)
    problems.push(`too short: ${duration} s, at least ${QUALITY_SPEC.minSeconds} s expected`);
  const longestStem = Math.max(0, ...stems.map((stem) => stem.duration_seconds ?? 0));
  if (duration + QUALITY_SPEC.truncationToleranceSeconds < longestStem)
    problems.push(`truncated: ${duration} s long, its longest stem ${round(longestStem, 3)} s`);
  for (const stem of stems) {
    if (stem.status === 'missing')
      problems.push(`stem ${stem.instrument} missing${stem.detail ? ` (${stem.detail})` : ''}`);
    else if (stem.status === 'silent') problems.push(`stem ${stem.instrument} silent`);
  }
  return problems;
}

/** What is out of spec that gain and true-peak limiting put right; empty when in spec. */
export function outOfSpec(measured: MasterMeasurement): string[] {
  const problems: string[] = [];
  const lufs = measured.integrated_lufs;
  if (lufs !== null && Math.abs(lufs - QUALITY_SPEC.lufs) > QUALITY_SPEC.toleranceLu)
    problems.push(
      `integrated loudness ${lufs} LUFS, outside ${QUALITY_SPEC.lufs} ±${QUALITY_SPEC.toleranceLu}`,
    );
  const peak = measured.true_peak_dbtp;
  if (peak !== null && peak > QUALITY_SPEC.maxTruePeakDbtp)
    problems.push(`true peak ${peak} dBTP, above ${QUALITY_SPEC.maxTruePeakDbtp} dBTP`);
  if (measured.clipped_runs > 0) problems.push(`${measured.clipped_runs} clipped runs`);
  return problems;
}

export function warningsOf(measured: MasterMeasurement): string[] {
  if (measured.channels >= 2 && measured.stereo_correlation > QUALITY_SPEC.maxCorrelation)
    return [
      `nearly mono: left/right correlation ${measured.stereo_correlation}, at most ${QUALITY_SPEC.maxCorrelation} expected`,
    ];
  return [];
}

export interface Corrected {
  audio: PcmAudio;
  correction: QualityCorrection;
}

/**
 * Gain and true-peak limiting (the 4x oversampled look-ahead limiter) to -14 LUFS under
 * -1.2 dBTP; undefined for a silent input.
 */
export function correctMaster(audio: PcmAudio): Corrected | undefined {
  const normalised = normaliseLoudness(audio.channels, audio.sampleRate, {
    lufs: QUALITY_SPEC.lufs,
    ceilingDbtp: QUALITY_SPEC.aimTruePeakDbtp,
    toleranceLu: 0.05,
  });
  if (normalised === undefined) return undefined;
  const gainDb = round(normalised.gainDb);
  const reductionDb = round(normalised.limiterReductionDb);
  const actions = [`gain ${gainDb > 0 ? '+' : ''}${gainDb.toFixed(1)} dB`];
  if (reductionDb > 0)
    actions.push(
      `true-peak limiting under ${QUALITY_SPEC.aimTruePeakDbtp} dBTP (up to ${reductionDb.toFixed(1)} dB reduction)`,
    );
  return {
    audio: { sampleRate: audio.sampleRate, channels: normalised.channels },
    correction: { gain_db: gainDb, limiter_reduction_db: reductionDb, actions },
  };
}

export const SPEC_OF_REPORT: QualityReport['spec'] = {
  integrated_lufs: QUALITY_SPEC.lufs,
  tolerance_lu: QUALITY_SPEC.toleranceLu,
  max_true_peak_dbtp: QUALITY_SPEC.maxTruePeakDbtp,
};

/** The one-line summary a failed job's message carries: what was measured. */
export function measuredSummary(measured: MasterMeasurement | null): string {
  if (measured === null) return 'nothing measured';
  const lufs = measured.integrated_lufs === null ? 'silent' : `${measured.integrated_lufs} LUFS`;
  const peak = measured.true_peak_dbtp === null ? '-inf' : `${measured.true_peak_dbtp}`;
  return `measured ${lufs}, ${peak} dBTP, ${measured.duration_seconds} s, ${measured.silent_seconds} s silent, correlation ${measured.stereo_correlation}`;
}
