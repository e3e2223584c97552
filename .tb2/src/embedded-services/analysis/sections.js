"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.findSections = findSections;
const BLOCK_SECONDS = 0.25;
const SMOOTH_SECONDS = 4;
const KERNEL_SECONDS = 14;
const FINE_SEARCH_SECONDS = 2.5;
const FINE_KERNEL_SECONDS = 1;
const MIN_SECTION_SECONDS = 4;
const MIN_NOVELTY = 0.1;
const SAME_SECTION = 0.9;
const CEPSTRA = 13;
const TEXTURE_BANDS = 4;
const LABELS = ['verse', 'chorus', 'bridge'];
function normaliseRows(rows) {
    for (const row of rows) {
        const norm = Math.hypot(...row);
        if (norm > 0)
            for (let i = 0; i < row.length; i++)
                row[i] /= norm;
    }
}
function blockMeans(value, frames, frameRate, dims, blocks) {
    const sums = Array.from({ length: blocks }, () => new Float64Array(dims));
    const counts = new Float64Array(blocks);
    for (let f = 0; f < frames; f++) {
        const block = Math.min(blocks - 1, Math.floor(f / frameRate / BLOCK_SECONDS));
        counts[block]++;
        for (let d = 0; d < dims; d++)
            sums[block][d] += value(f, d);
    }
    for (let b = 0; b < blocks; b++)
        if (counts[b] > 0)
            for (let d = 0; d < dims; d++)
                sums[b][d] /= counts[b];
    return sums;
}
function timbreBlocks(timbre, blocks) {
    const { levels, bands } = timbre;
    const frames = levels.length / bands;
    const dct = Array.from({ length: CEPSTRA }, (_, c) => Float64Array.from({ length: bands }, (_, b) => Math.cos((Math.PI * c * (b + 0.5)) / bands)));
    const meanLevels = blockMeans((f, b) => levels[f * bands + b], frames, timbre.frameRate, bands, blocks);
    const cepstra = meanLevels.map((row) => Float64Array.from(dct, (basis) => basis.reduce((sum, w, b) => sum + w * row[b], 0)));
    standardise(cepstra);
    return cepstra;
}
function smooth(rows) {
    const reach = Math.round(SMOOTH_SECONDS / BLOCK_SECONDS / 2);
    const dims = rows[0]?.length ?? 0;
    return rows.map((_, i) => {
        const mean = new Float64Array(dims);
        const from = Math.max(0, i - reach);
        const to = Math.min(rows.length - 1, i + reach);
        for (let j = from; j <= to; j++)
            for (let d = 0; d < dims; d++)
                mean[d] += rows[j][d];
        return mean;
    });
}
function textureBlocks(timbre, blocks) {
    const { levels, bands } = timbre;
    const frames = levels.length / bands;
    const group = Math.ceil(bands / TEXTURE_BANDS);
    const rise = (f, g) => {
        if (f === 0)
            return 0;
        let sum = 0;
        for (let b = g * group; b < Math.min(bands, (g + 1) * group); b++) {
            sum += Math.max(0, levels[f * bands + b] - levels[(f - 1) * bands + b]);
        }
        return sum / group;
    };
    const texture = blockMeans(rise, frames, timbre.frameRate, TEXTURE_BANDS, blocks);
    standardise(texture);
    return texture;
}
function standardise(rows) {
    const dims = rows[0]?.length ?? 0;
    for (let d = 0; d < dims; d++) {
        const mean = rows.reduce((s, row) => s + row[d], 0) / rows.length;
        const spread = Math.sqrt(rows.reduce((s, row) => s + (row[d] - mean) ** 2, 0) / rows.length) || 1;
        for (const row of rows)
            row[d] = (row[d] - mean) / spread;
    }
}
function dot(a, b) {
    let sum = 0;
    for (let i = 0; i < a.length; i++)
        sum += a[i] * b[i];
    return sum;
}
const reachOf = (kernelSeconds) => Math.round(kernelSeconds / BLOCK_SECONDS);
function novelty(similarity, blocks, kernelSeconds) {
    const reach = reachOf(kernelSeconds);
    const taper = Float64Array.from({ length: 2 * reach }, (_, a) => {
        const offset = a - reach + 0.5;
        return Math.exp(-0.5 * (offset / (reach / 2)) ** 2);
    });
    const out = new Float64Array(blocks);
    for (let i = 1; i < blocks; i++) {
        let sum = 0;
        let weight = 0;
        for (let a = -reach; a < reach; a++) {
            const x = i + a;
            if (x < 0 || x >= blocks)
                continue;
            for (let b = -reach; b < reach; b++) {
                const y = i + b;
                if (y < 0 || y >= blocks)
                    continue;
                const w = taper[a + reach] * taper[b + reach];
                sum += (a < 0 === b < 0 ? w : -w) * similarity(x, y);
                weight += w;
            }
        }
        out[i] = weight > 0 ? sum / weight : 0;
    }
    return out;
}
function boundaries(curve, duration) {
    const minGap = Math.round(MIN_SECTION_SECONDS / BLOCK_SECONDS);
    const peaks = [];
    for (let i = 1; i + 1 < curve.length; i++) {
        if (curve[i] < MIN_NOVELTY || curve[i] < curve[i - 1] || curve[i] < curve[i + 1])
            continue;
        peaks.push({ at: (i + peakOffset(curve, i)) * BLOCK_SECONDS, height: curve[i] });
    }
    const kept = [];
    for (const peak of peaks.sort((a, b) => b.height - a.height)) {
        if (peak.at < MIN_SECTION_SECONDS || duration - peak.at < MIN_SECTION_SECONDS)
            continue;
        if (kept.every((at) => Math.abs(at - peak.at) >= minGap * BLOCK_SECONDS))
            kept.push(peak.at);
    }
    return kept.sort((a, b) => a - b);
}
function label(means) {
    const clusters = [];
    const representatives = [];
    for (const mean of means) {
        let cluster = representatives.findIndex((r) => dot(r, mean) >= SAME_SECTION);
        if (cluster < 0) {
            cluster = representatives.length;
            representatives.push(mean);
        }
        clusters.push(cluster);
    }
    const occurrences = (c) => clusters.filter((x) => x === c).length;
    const names = [];
    const nameOf = new Map();
    clusters.forEach((cluster, i) => {
        const last = i === clusters.length - 1;
        if (clusters.length > 2 && occurrences(cluster) === 1 && (i === 0 || last)) {
            names.push(i === 0 ? 'intro' : 'outro');
            return;
        }
        if (!nameOf.has(cluster)) {
            const n = nameOf.size;
            nameOf.set(cluster, LABELS[n] ?? `section ${String.fromCharCode(65 + n)}`);
        }
        names.push(nameOf.get(cluster));
    });
    return names;
}
const round = (seconds) => Math.round(seconds * 100) / 100;
function unitRows(rows) {
    const copy = rows.map((row) => Float64Array.from(row));
    normaliseRows(copy);
    return copy;
}
function similarityOf(features, reach) {
    const blocks = features[0].length;
    const width = 2 * reach;
    const band = new Float32Array(blocks * width);
    for (let i = 0; i < blocks; i++) {
        for (let d = 0; d < width && i + d < blocks; d++) {
            let sum = 0;
            for (const group of features)
                sum += dot(group[i], group[i + d]);
            band[i * width + d] = sum / features.length;
        }
    }
    return (i, j) => (i <= j ? band[i * width + j - i] : band[j * width + i - j]);
}
function sharpen(at, fine) {
    const centre = Math.round(at / BLOCK_SECONDS);
    const reach = Math.round(FINE_SEARCH_SECONDS / BLOCK_SECONDS);
    const score = (i) => Math.max(0, fine[i]) *
        Math.exp(-0.5 * ((i * BLOCK_SECONDS - at) / (FINE_SEARCH_SECONDS / 2)) ** 2);
    let best = centre;
    for (let i = Math.max(1, centre - reach); i <= Math.min(fine.length - 2, centre + reach); i++) {
        if (score(i) > score(best))
            best = i;
    }
    return (best + peakOffset(fine, best)) * BLOCK_SECONDS;
}
function peakOffset(curve, i) {
    if (i < 1 || i + 1 >= curve.length)
        return 0;
    const [before, peak, after] = [curve[i - 1], curve[i], curve[i + 1]];
    const curvature = before - 2 * peak + after;
    return curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (before - after)) / curvature)) : 0;
}
function findSections(chroma, timbre, duration) {
    if (duration < 2 * MIN_SECTION_SECONDS) {
        return [{ start_time: 0, end_time: round(duration), label: LABELS[0] }];
    }
    const blocks = Math.ceil(duration / BLOCK_SECONDS);
    const raw = [
        blockMeans((f, pc) => chroma.values[f * 12 + pc], chroma.frames, chroma.frameRate, 12, blocks),
        timbreBlocks(timbre, blocks),
        textureBlocks(timbre, blocks),
    ];
    const smoothed = raw.map((group) => unitRows(smooth(group)));
    const coarse = novelty(similarityOf(smoothed, reachOf(KERNEL_SECONDS)), blocks, KERNEL_SECONDS);
    const fine = novelty(similarityOf(raw.map(unitRows), reachOf(FINE_KERNEL_SECONDS)), blocks, FINE_KERNEL_SECONDS);
    const cuts = [0, ...boundaries(coarse, duration).map((at) => sharpen(at, fine)), duration];
    const means = cuts.slice(0, -1).map((start, s) => {
        const from = Math.floor(start / BLOCK_SECONDS);
        const to = Math.max(from + 1, Math.min(blocks, Math.floor(cuts[s + 1] / BLOCK_SECONDS)));
        const parts = smoothed.map((group) => {
            const mean = new Float64Array(group[0].length);
            for (let b = from; b < to; b++)
                for (let d = 0; d < mean.length; d++)
                    mean[d] += group[b][d];
            normaliseRows([mean]);
            return mean;
        });
        return Float64Array.from(parts.flatMap((part) => Array.from(part)).map((v) => v / Math.sqrt(parts.length)));
    });
    const labels = label(means);
    return cuts.slice(0, -1).map((start, s) => ({
        start_time: round(start),
        end_time: round(cuts[s + 1]),
        label: labels[s],
    }));
}
//# sourceMappingURL=sections.js.map