/** Medians, percentiles and the repetition helper every measurement goes through. */

/** A measurement's figures: numbers only, so medians can be taken key by key. */
export type Figures = Record<string, number>;

export interface Repeated<T extends Figures = Figures> {
  runs: T[];
  median: T;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile (p in 0..100), as the bench-limits kit computes it. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[k];
}

/** Runs `fn` `reps` times, one after the other; the median is taken per key. */
export async function repeat<T extends Figures>(
  reps: number,
  fn: (rep: number) => Promise<T>,
): Promise<Repeated<T>> {
  const runs: T[] = [];
  for (let i = 0; i < reps; i++) runs.push(await fn(i));
  return withMedians(runs);
}

/** Runs of one figure set, with the median taken per key. */
export function withMedians<T extends Figures>(runs: T[]): Repeated<T> {
  const keys = Object.keys(runs[0] ?? {});
  const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as T;
  return { runs, median: med };
}

/** The runs of several measurements of one figure set as one, with medians over them all. */
export function pooled<T extends Figures>(parts: Repeated<T>[]): Repeated<T> {
  return withMedians(parts.flatMap((part) => part.runs));
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Formats a figure for the table: thousands separators, `d` decimals, "n/a" when missing. */
export function fmt(x: number | undefined, d = 0): string {
  return x !== undefined && Number.isFinite(x)
    ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : 'n/a';
}
