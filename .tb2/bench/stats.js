"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nowMs = exports.sleep = void 0;
exports.median = median;
exports.percentile = percentile;
exports.repeat = repeat;
exports.pooled = pooled;
exports.slope = slope;
exports.fmt = fmt;
function median(xs) {
    const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    const n = s.length;
    if (n === 0)
        return NaN;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
function percentile(xs, p) {
    const s = [...xs].sort((a, b) => a - b);
    if (s.length === 0)
        return NaN;
    const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
    return s[k];
}
async function repeat(reps, fn) {
    const runs = [];
    for (let i = 0; i < reps; i++)
        runs.push(await fn(i));
    const keys = Object.keys(runs[0] ?? {});
    const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
    return { runs, median: med };
}
function pooled(parts) {
    const runs = parts.flatMap((part) => part.runs);
    const keys = Object.keys(runs[0] ?? {});
    const med = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
    return { runs, median: med };
}
function slope(points) {
    const n = points.length;
    if (n < 2)
        return NaN;
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
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
exports.sleep = sleep;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
exports.nowMs = nowMs;
function fmt(x, d = 0) {
    return x !== undefined && Number.isFinite(x)
        ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
        : 'n/a';
}
//# sourceMappingURL=stats.js.map