"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.totalChroma = totalChroma;
exports.keyOfProfile = keyOfProfile;
exports.estimateKey = estimateKey;
const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
const MAJOR_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];
function pearson(a, b) {
    const n = a.length;
    let ma = 0;
    let mb = 0;
    for (let i = 0; i < n; i++) {
        ma += a[i] / n;
        mb += b[i] / n;
    }
    let num = 0;
    let da = 0;
    let db = 0;
    for (let i = 0; i < n; i++) {
        num += (a[i] - ma) * (b[i] - mb);
        da += (a[i] - ma) ** 2;
        db += (b[i] - mb) ** 2;
    }
    return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}
function totalChroma(chroma) {
    const total = new Float64Array(12);
    for (let f = 0; f < chroma.frames; f++) {
        for (let pc = 0; pc < 12; pc++)
            total[pc] += chroma.values[f * 12 + pc];
    }
    return total;
}
function keyOfProfile(profile) {
    let best = null;
    for (let tonic = 0; tonic < 12; tonic++) {
        for (const [template, names, mode] of [
            [MAJOR_PROFILE, MAJOR_NAMES, 'major'],
            [MINOR_PROFILE, MINOR_NAMES, 'minor'],
        ]) {
            const rotated = Array.from({ length: 12 }, (_, pc) => template[(pc - tonic + 12) % 12]);
            const correlation = pearson(profile, rotated);
            if (!best || correlation > best.correlation) {
                best = { name: `${names[tonic]} ${mode}`, correlation };
            }
        }
    }
    return best && best.correlation > 0 ? best : null;
}
function estimateKey(chroma) {
    return keyOfProfile(totalChroma(chroma))?.name ?? null;
}
//# sourceMappingURL=key.js.map