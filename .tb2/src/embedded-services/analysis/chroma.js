"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.chromagram = chromagram;
const LOWEST_HZ = 55;
const HIGHEST_HZ = 1_760;
const WHITENING_SEMITONES = 2;
function binMap(spectrogram) {
    const { size, rate, bins } = spectrogram;
    const binHz = rate / size;
    const map = [];
    const top = Math.min(HIGHEST_HZ, rate / 2);
    for (let k = Math.ceil(LOWEST_HZ / binHz); k * binHz <= top && k < bins; k++) {
        const midi = 69 + 12 * Math.log2((k * binHz) / 440);
        const nearest = Math.round(midi);
        const weight = Math.cos(Math.PI * (midi - nearest)) ** 2;
        const spread = 2 ** (WHITENING_SEMITONES / 12);
        map.push({
            bin: k,
            pitchClass: ((nearest % 12) + 12) % 12,
            weight,
            floorFrom: Math.max(1, Math.floor(k / spread)),
            floorTo: Math.min(bins - 1, Math.ceil(k * spread)),
        });
    }
    return map;
}
function chromagram(spectrogram) {
    const { power, frames, bins } = spectrogram;
    const map = binMap(spectrogram);
    const values = new Float64Array(frames * 12);
    const magnitude = new Float64Array(bins);
    const prefix = new Float64Array(bins + 1);
    for (let f = 0; f < frames; f++) {
        const row = f * bins;
        for (let k = 0; k < bins; k++) {
            magnitude[k] = Math.sqrt(power[row + k]);
            prefix[k + 1] = prefix[k] + magnitude[k];
        }
        for (const { bin, pitchClass, weight, floorFrom, floorTo } of map) {
            const floor = (prefix[floorTo + 1] - prefix[floorFrom]) / (floorTo - floorFrom + 1);
            const above = magnitude[bin] - floor;
            if (above > 0)
                values[f * 12 + pitchClass] += weight * above;
        }
    }
    return { values, frames, frameRate: spectrogram.rate / spectrogram.hop };
}
//# sourceMappingURL=chroma.js.map