"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const fft_1 = require("./fft");
(0, node_test_1.describe)('fft', () => {
    (0, node_test_1.it)('matches the direct DFT and inverts back', () => {
        const size = 64;
        const signal = Float64Array.from({ length: size }, (_, n) => Math.sin(n * 0.7) + 0.3 * Math.cos(n * 2.1) + (n % 5) / 10);
        const re = Float64Array.from(signal);
        const im = new Float64Array(size);
        (0, fft_1.fft)(re, im);
        for (let k = 0; k < size; k++) {
            let dr = 0;
            let di = 0;
            for (let n = 0; n < size; n++) {
                dr += signal[n] * Math.cos((2 * Math.PI * k * n) / size);
                di -= signal[n] * Math.sin((2 * Math.PI * k * n) / size);
            }
            strict_1.default.ok(Math.abs(re[k] - dr) < 1e-9 && Math.abs(im[k] - di) < 1e-9, `bin ${k}`);
        }
        (0, fft_1.ifft)(re, im);
        for (let n = 0; n < size; n++)
            strict_1.default.ok(Math.abs(re[n] - signal[n]) < 1e-12 && Math.abs(im[n]) < 1e-12);
    });
    (0, node_test_1.it)('refuses sizes that are not powers of two', () => {
        strict_1.default.throws(() => (0, fft_1.fft)(new Float64Array(12), new Float64Array(12)), RangeError);
    });
});
//# sourceMappingURL=fft.spec.js.map