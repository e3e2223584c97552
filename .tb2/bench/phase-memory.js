"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.backlogPhase = backlogPhase;
exports.soakPhase = soakPhase;
const procstat_1 = require("./procstat");
const stats_1 = require("./stats");
function sampleRss(pid, everyMs) {
    const samples = [];
    const t0 = Date.now();
    const take = () => {
        const y = (0, procstat_1.rssMb)(pid);
        if (Number.isFinite(y))
            samples.push({ x: (Date.now() - t0) / 1000, y });
    };
    take();
    const timer = setInterval(take, everyMs);
    return {
        samples,
        stop: () => {
            clearInterval(timer);
            take();
            return samples;
        },
    };
}
async function backlogPhase(ctx, api) {
    const n = ctx.flags.backlog;
    await ctx.reset();
    ctx.log(`backlog: queueing ${n} jobs with no worker`);
    await ctx.createJobs(api, n, ctx.flags.connections);
    const worker = await ctx.start('worker', { name: 'worker (backlog)' });
    const t0 = Date.now();
    const rss = sampleRss(worker.pid, 200);
    try {
        await ctx.env.waitFinished(n, Math.max(120_000, n * 100), 200);
    }
    finally {
        rss.stop();
    }
    const seconds = (Date.now() - t0) / 1000;
    const success = (await ctx.env.statusCounts()).SUCCESS ?? 0;
    if (success !== n)
        ctx.note(`backlog: ${success} of ${n} jobs succeeded`);
    await (0, stats_1.sleep)(1_000);
    const ys = rss.samples.map((s) => s.y);
    const result = {
        backlog: n,
        rss_idle_mb: ys[0],
        rss_peak_mb: Math.max(...ys),
        rss_after_mb: (0, procstat_1.rssMb)(worker.pid),
        drain_jobs_per_s: n / seconds,
        success,
    };
    ctx.log(`backlog: worker RSS ${(0, stats_1.fmt)(result.rss_idle_mb)} MB at start, peak ${(0, stats_1.fmt)(result.rss_peak_mb)} MB, drained ${n} at ${(0, stats_1.fmt)(result.drain_jobs_per_s)} jobs/s`);
    return { result, worker };
}
async function soakPhase(ctx, api, worker) {
    const seconds = ctx.flags.soakSeconds;
    const rate = ctx.flags.latencyRate;
    const jobs = Math.max(1, Math.round(seconds * rate));
    const before = Number((await ctx.env.one('SELECT count(*) AS n FROM jobs')).n ?? 0);
    const rss = sampleRss(worker.pid, 1000);
    await ctx.offerJobs(api, jobs, rate);
    await ctx.env.waitFinished(before + jobs, Math.max(60_000, jobs * 100));
    const samples = rss.stop();
    const settled = samples.filter((s) => s.x >= samples[samples.length - 1].x / 5);
    const ys = samples.map((s) => s.y);
    const result = {
        seconds,
        offered_per_s: rate,
        jobs,
        rss_start_mb: ys[0],
        rss_end_mb: ys[ys.length - 1],
        rss_max_mb: Math.max(...ys),
        rss_slope_mb_per_min: (0, stats_1.slope)(settled) * 60,
    };
    ctx.log(`soak: ${jobs} jobs over ${seconds} s, worker RSS ${(0, stats_1.fmt)(result.rss_start_mb)} -> ${(0, stats_1.fmt)(result.rss_end_mb)} MB (max ${(0, stats_1.fmt)(result.rss_max_mb)}), trend ${(0, stats_1.fmt)(result.rss_slope_mb_per_min, 2)} MB/min`);
    return result;
}
//# sourceMappingURL=phase-memory.js.map