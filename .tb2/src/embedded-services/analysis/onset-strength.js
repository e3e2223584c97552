"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.melLevels = melLevels;
exports.onsetStrength = onsetStrength;
const MEL_BANDS = 40;
const LOWEST_HZ = 30;
const HIGHEST_HZ = 5_000;
const COMPRESSION = 10;
const DYNAMIC_RANGE_DB = 80;
const TREND_SECONDS = 1;
const mel = (hz) => 2595 * Math.log10(1 + hz / 700);
const hzOfMel = (m) => 700 * (10 ** (m / 2595) - 1);
function melFilters(spectrogram) {
    const { size, rate, bins } = spectrogram;
    const top = Math.min(HIGHEST_HZ, rate / 2);
    const edges = Array.from({ length: MEL_BANDS + 2 }, (_, i) => hzOfMel(mel(LOWEST_HZ) + ((mel(top) - mel(LOWEST_HZ)) * i) / (MEL_BANDS + 1)));
    const binHz = rate / size;
    return Array.from({ length: MEL_BANDS }, (_, band) => {
        const [low, centre, high] = [edges[band], edges[band + 1], edges[band + 2]];
        const first = Math.max(0, Math.floor(low / binHz));
        const last = Math.min(bins - 1, Math.ceil(high / binHz));
        const weights = new Float64Array(last - first + 1);
        for (let k = first; k <= last; k++) {
            const hz = k * binHz;
            const rising = (hz - low) / (centre - low);
            const falling = (high - hz) / (high - centre);
            weights[k - first] = Math.max(0, Math.min(rising, falling));
        }
        if (weights.every((w) => w === 0))
            weights[Math.min(weights.length - 1, Math.round(centre / binHz) - first)] = 1;
        return { first, weights };
    });
}
function melLevels(spectrogram) {
    const { power, frames, bins } = spectrogram;
    const filters = melFilters(spectrogram);
    const levels = new Float64Array(frames * MEL_BANDS);
    let loudest = -Infinity;
    for (let f = 0; f < frames; f++) {
        const row = f * bins;
        for (let band = 0; band < MEL_BANDS; band++) {
            const { first, weights } = filters[band];
            let sum = 0;
            for (let i = 0; i < weights.length; i++)
                sum += weights[i] * power[row + first + i];
            const db = 10 * Math.log10(sum + 1e-20);
            levels[f * MEL_BANDS + band] = db;
            if (db > loudest)
                loudest = db;
        }
    }
    const floor = loudest - DYNAMIC_RANGE_DB;
    for (let i = 0; i < levels.length; i++)
        if (levels[i] < floor)
            levels[i] = floor;
    return { levels, bands: MEL_BANDS, frameRate: spectrogram.rate / spectrogram.hop };
}
function onsetStrength({ levels, bands, frameRate }) {
    const frames = levels.length / bands;
    let top = -Infinity;
    for (const level of levels)
        if (level > top)
            top = level;
    const compressed = levels.map((level) => Math.log1p(COMPRESSION * 10 ** ((level - top) / 20)));
    const flux = new Float64Array(frames);
    for (let f = 1; f < frames; f++) {
        let sum = 0;
        for (let band = 0; band < bands; band++) {
            const rise = compressed[f * bands + band] - compressed[(f - 1) * bands + band];
            if (rise > 0)
                sum += rise;
        }
        flux[f] = sum / bands;
    }
    const reach = Math.max(1, Math.round((TREND_SECONDS * frameRate) / 2));
    const envelope = new Float64Array(frames);
    let windowSum = 0;
    let from = 0;
    let to = -1;
    for (let f = 0; f < frames; f++) {
        while (to < Math.min(frames - 1, f + reach))
            windowSum += flux[++to];
        while (from < f - reach)
            windowSum -= flux[from++];
        envelope[f] = Math.max(0, flux[f] - windowSum / (to - from + 1));
    }
    return { envelope, frameRate };
}
//# sourceMappingURL=onset-strength.js.map