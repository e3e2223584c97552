import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fft, ifft } from './fft';

describe('fft', () => {
  it('matches the direct DFT and inverts back', () => {
    const size = 64;
    const signal = Float64Array.from(
      { length: size },
      (_, n) => Math.sin(n * 0.7) + 0.3 * Math.cos(n * 2.1) + (n % 5) / 10,
    );
    const re = Float64Array.from(signal);
    const im = new Float64Array(size);
    fft(re, im);
    for (let k = 0; k < size; k++) {
      let dr = 0;
      let di = 0;
      for (let n = 0; n < size; n++) {
        dr += signal[n] * Math.cos((2 * Math.PI * k * n) / size);
        di -= signal[n] * Math.sin((2 * Math.PI * k * n) / size);
      }
      assert.ok(Math.abs(re[k] - dr) < 1e-9 && Math.abs(im[k] - di) < 1e-9, `bin ${k}`);
    }
    ifft(re, im);
    for (let n = 0; n < size; n++)
      assert.ok(Math.abs(re[n] - signal[n]) < 1e-12 && Math.abs(im[n]) < 1e-12);
  });

  it('refuses sizes that are not powers of two', () => {
    assert.throws(() => fft(new Float64Array(12), new Float64Array(12)), RangeError);
  });
});
