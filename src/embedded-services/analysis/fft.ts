/**
 * An in-place iterative radix-2 FFT on split real/imaginary arrays, with the twiddle
 * factors and bit-reversal table of each size computed once. The analysis runs thousands of
 * short transforms per track (one per STFT frame) and a few long ones (the tempo search),
 * so the tables are what makes it cheap.
 */
interface FftTables {
  cos: Float64Array;
  sin: Float64Array;
  reversed: Uint32Array;
}

const tables = new Map<number, FftTables>();

function tablesFor(size: number): FftTables {
  const cached = tables.get(size);
  if (cached) return cached;
  if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size ${size} is not 2^k`);
  const half = size / 2;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let i = 0; i < half; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / size);
    sin[i] = -Math.sin((2 * Math.PI * i) / size);
  }
  const bits = Math.log2(size);
  const reversed = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
    reversed[i] = r;
  }
  const made = { cos, sin, reversed };
  tables.set(size, made);
  return made;
}

/** Forward DFT of (re, im) in place: X[k] = sum x[n] e^(-2 pi i k n / N). */
export function fft(re: Float64Array, im: Float64Array): void {
  const size = re.length;
  const { cos, sin, reversed } = tablesFor(size);
  for (let i = 0; i < size; i++) {
    const j = reversed[i];
    if (j > i) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  for (let span = 1; span < size; span *= 2) {
    const step = size / (2 * span);
    for (let start = 0; start < size; start += 2 * span) {
      for (let k = 0; k < span; k++) {
        const wr = cos[k * step];
        const wi = sin[k * step];
        const a = start + k;
        const b = a + span;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** Inverse DFT in place, scaled by 1/N so that ifft(fft(x)) = x. */
export function ifft(re: Float64Array, im: Float64Array): void {
  for (let i = 0; i < im.length; i++) im[i] = -im[i];
  fft(re, im);
  const scale = 1 / re.length;
  for (let i = 0; i < re.length; i++) {
    re[i] *= scale;
    im[i] *= -scale;
  }
}

/** The smallest power of two at or above `n`. */
export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
