"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fft = fft;
exports.ifft = ifft;
exports.nextPowerOfTwo = nextPowerOfTwo;
const tables = new Map();
function tablesFor(size) {
    const cached = tables.get(size);
    if (cached)
        return cached;
    if (size < 2 || (size & (size - 1)) !== 0)
        throw new RangeError(`FFT size ${size} is not 2^k`);
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
        for (let b = 0, x = i; b < bits; b++, x >>= 1)
            r = (r << 1) | (x & 1);
        reversed[i] = r;
    }
    const made = { cos, sin, reversed };
    tables.set(size, made);
    return made;
}
function fft(re, im) {
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
function ifft(re, im) {
    for (let i = 0; i < im.length; i++)
        im[i] = -im[i];
    fft(re, im);
    const scale = 1 / re.length;
    for (let i = 0; i < re.length; i++) {
        re[i] *= scale;
        im[i] *= -scale;
    }
}
function nextPowerOfTwo(n) {
    let size = 1;
    while (size < n)
        size *= 2;
    return size;
}
//# sourceMappingURL=fft.js.map