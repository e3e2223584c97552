import { limitTruePeak } from './limiter';
import { integratedLoudness } from './loudness';
import { fromDb, toDb, truePeak, truePeakEnvelope } from './true-peak';

/**
 * Brings a mix to a loudness target under a true-peak ceiling: gain, limit, measure again,
 * adjust, until the integrated loudness is within `toleranceLu` of the target and the true
 * peak is under the ceiling (after MAX_PASSES, a plain gain puts the peak under it). Limiting takes loudness away, so the gain is raised by what
 * the last pass missed; a pass whose true peak overshoots the ceiling (a gain curve moving
 * between samples) lowers the limiter's own ceiling by the overshoot.
 */

export interface LoudnessTarget {
  lufs: number;
  ceilingDbtp: number;
  toleranceLu: number;
}

/** The embedded master's spec: -14 LUFS, aimed 0.2 dB under the -1 dBTP streaming ceiling. */
export const MASTER_TARGET: LoudnessTarget = { lufs: -14, ceilingDbtp: -1.2, toleranceLu: 0.05 };

const MAX_PASSES = 8;
/** How much further the gain may rise (dB) before the envelope must be computed again. */
const ENVELOPE_HEADROOM_DB = 6;

export interface Normalised {
  channels: Float32Array[];
  /** The gain applied before limiting, dB. */
  gainDb: number;
  /** The deepest reduction of the limiter, dB. */
  limiterReductionDb: number;
  loudnessLufs: number;
  truePeakDbtp: number;
  passes: number;
}

/** Returns undefined for a silent input (nothing passes the loudness gate). */
export function normaliseLoudness(
  channels: Float32Array[],
  sampleRate: number,
  target: LoudnessTarget = MASTER_TARGET,
): Normalised | undefined {
  const measured = integratedLoudness(channels, sampleRate);
  if (!Number.isFinite(measured)) return undefined;
  let gainDb = target.lufs - measured;
  let ceiling = fromDb(target.ceilingDbtp);
  let exactAbove = Infinity; // the level above which `envelope` is exact
  let envelope: Float32Array = new Float32Array(0);
  for (let passes = 1; passes <= MAX_PASSES; passes++) {
    const floor = ceiling / fromDb(gainDb);
    if (floor < exactAbove) {
      exactAbove = floor / fromDb(ENVELOPE_HEADROOM_DB);
      envelope = truePeakEnvelope(channels, exactAbove);
    }
    const limited = limitTruePeak({
      channels,
      sampleRate,
      gain: fromDb(gainDb),
      ceiling,
      envelope,
    });
    const loudnessLufs = integratedLoudness(limited.channels, sampleRate);
    if (Math.abs(loudnessLufs - target.lufs) > target.toleranceLu && passes < MAX_PASSES) {
      gainDb += target.lufs - loudnessLufs;
      continue;
    }
    // On target: the true peak is measured (only now, it is the costly part).
    const truePeakDbtp = toDb(truePeak(limited.channels));
    const result: Normalised = {
      channels: limited.channels,
      gainDb,
      limiterReductionDb: limited.maxReductionDb,
      loudnessLufs,
      truePeakDbtp,
      passes,
    };
    if (truePeakDbtp <= target.ceilingDbtp + 1e-6) return result;
    if (passes === MAX_PASSES) return underCeiling(result, target.ceilingDbtp);
    // The gain curve moved between samples and overshot: lower the limiter's own ceiling.
    ceiling *= fromDb(target.ceilingDbtp - truePeakDbtp - 0.02);
  }
  throw new Error('unreachable: the last pass returns');
}

/** The last resort: a plain gain that puts the true peak at the ceiling. */
function underCeiling(result: Normalised, ceilingDbtp: number): Normalised {
  const excessDb = result.truePeakDbtp - ceilingDbtp;
  const gain = fromDb(-excessDb - 0.01);
  return {
    ...result,
    channels: result.channels.map((channel) => channel.map((v) => v * gain)),
    gainDb: result.gainDb - excessDb - 0.01,
    loudnessLufs: result.loudnessLufs - excessDb - 0.01,
    truePeakDbtp: ceilingDbtp - 0.01,
  };
}
