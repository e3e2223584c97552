/**
 * Second-order IIR sections (direct form I), the building block of the K-weighting filter
 * and the mixer's EQ. Coefficients are normalised (a0 = 1). Designs follow the RBJ "Audio EQ
 * Cookbook" (bilinear transform with frequency pre-warping), so they hold at any sample rate.
 */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Filters `input` through `sections` in series, into a new array. */
export function filter(input: Float32Array, ...sections: Biquad[]): Float32Array {
  let signal = input;
  for (const { b0, b1, b2, a1, a2 } of sections) {
    // In place after the first section: one new array whatever the number of sections.
    const out = signal === input ? new Float32Array(input.length) : signal;
    let x1 = 0;
    let x2 = 0;
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < signal.length; i++) {
      const x = signal[i];
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      out[i] = y;
    }
    signal = out;
  }
  return signal === input ? input.slice() : signal;
}

function normalise(b0: number, b1: number, b2: number, a0: number, a1: number, a2: number) {
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

function omega(frequency: number, sampleRate: number) {
  const w = (2 * Math.PI * frequency) / sampleRate;
  return { cos: Math.cos(w), sin: Math.sin(w) };
}

export function highPass(frequency: number, q: number, sampleRate: number): Biquad {
  const { cos, sin } = omega(frequency, sampleRate);
  const alpha = sin / (2 * q);
  return normalise((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
}

export function lowPass(frequency: number, q: number, sampleRate: number): Biquad {
  const { cos, sin } = omega(frequency, sampleRate);
  const alpha = sin / (2 * q);
  return normalise((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
}

/** A bell boost or cut of `gainDb` around `frequency`. */
export function peaking(frequency: number, q: number, gainDb: number, sampleRate: number): Biquad {
  const { cos, sin } = omega(frequency, sampleRate);
  const alpha = sin / (2 * q);
  const a = 10 ** (gainDb / 40);
  return normalise(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
}

/** A shelf of `gainDb` below `frequency` (slope 1). */
export function lowShelf(frequency: number, gainDb: number, sampleRate: number): Biquad {
  const { cos, sin } = omega(frequency, sampleRate);
  const a = 10 ** (gainDb / 40);
  const alpha = (sin / 2) * Math.SQRT2;
  const root = 2 * Math.sqrt(a) * alpha;
  return normalise(
    a * (a + 1 - (a - 1) * cos + root),
    2 * a * (a - 1 - (a + 1) * cos),
    a * (a + 1 - (a - 1) * cos - root),
    a + 1 + (a - 1) * cos + root,
    -2 * (a - 1 + (a + 1) * cos),
    a + 1 + (a - 1) * cos - root,
  );
}

/** A shelf of `gainDb` above `frequency` (slope 1). */
export function highShelf(frequency: number, gainDb: number, sampleRate: number): Biquad {
  const { cos, sin } = omega(frequency, sampleRate);
  const a = 10 ** (gainDb / 40);
  const alpha = (sin / 2) * Math.SQRT2;
  const root = 2 * Math.sqrt(a) * alpha;
  return normalise(
    a * (a + 1 + (a - 1) * cos + root),
    -2 * a * (a - 1 + (a + 1) * cos),
    a * (a + 1 + (a - 1) * cos - root),
    a + 1 - (a - 1) * cos + root,
    2 * (a - 1 - (a + 1) * cos),
    a + 1 - (a - 1) * cos - root,
  );
}
