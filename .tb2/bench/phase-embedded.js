"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EMBEDDED_CREATES = void 0;
exports.embeddedPhase = embeddedPhase;
exports.embeddedLine = embeddedLine;
const context_1 = require("./context");
const http_client_1 = require("./http-client");
const job_status_1 = require("../src/jobs/job-status");
const stats_1 = require("./stats");
const procstat_1 = require("./procstat");
const wav_fixture_1 = require("../test/support/wav-fixture");
exports.EMBEDDED_CREATES = 10;
const PROBE_GAP_MS = 20;
const GIVE_UP_MS = 600_000;
async function masterSeconds(baseUrl, id) {
    const job = JSON.parse((await (0, http_client_1.httpCall)('GET', `${baseUrl}/jobs/${id}`)).body);
    const url = job.result?.final_track_url;
    if (!url)
        return 0;
    const answer = await fetch(url);
    const format = (0, wav_fixture_1.wavFormat)(Buffer.from(await answer.arrayBuffer()));
    return format.dataBytes / (format.sampleRate * format.channels * (format.bitDepth / 8));
}
function figures(latencies) {
    return {
        samples: latencies.length,
        p50ms: (0, stats_1.percentile)(latencies, 50),
        p99ms: (0, stats_1.percentile)(latencies, 99),
        maxms: latencies.length ? Math.max(...latencies) : 0,
    };
}
async function timed(url) {
    const start = (0, stats_1.nowMs)();
    const answer = await (0, http_client_1.httpCall)('GET', url);
    if (answer.status !== 200)
        throw new Error(`GET ${url} answered ${answer.status}`);
    return { ms: (0, stats_1.nowMs)() - start, body: answer.body };
}
async function embeddedPhase(ctx) {
    if (!ctx.flags.embeddedOnly)
        await ctx.reset();
    const unset = Object.fromEntries(Object.keys(ctx.stub.env).map((name) => [name, '']));
    const app = await ctx.start('all', { name: 'embedded', env: unset });
    try {
        const started = (0, stats_1.nowMs)();
        const cpuBefore = (0, procstat_1.cpuSeconds)(app.pid);
        const ids = await Promise.all(Array.from({ length: exports.EMBEDDED_CREATES }, () => (0, http_client_1.createTrack)(app.url, ctx.body)));
        const health = [];
        const status = [];
        const finished = new Map();
        let probe = 0;
        while (finished.size < ids.length && (0, stats_1.nowMs)() - started < GIVE_UP_MS) {
            health.push((await timed(`${app.url}/health/live`)).ms);
            const id = ids[probe++ % ids.length];
            const answer = await timed(`${app.url}/jobs/${id}`);
            status.push(answer.ms);
            const state = JSON.parse(answer.body).status;
            if (job_status_1.TERMINAL_STATUSES.includes(state))
                finished.set(id, state);
            await (0, stats_1.sleep)(PROBE_GAP_MS);
        }
        const cpu = (0, procstat_1.cpuSeconds)(app.pid) - cpuBefore;
        const succeededIds = [...finished].filter(([, s]) => s === job_status_1.JobStatus.Success).map(([id]) => id);
        const succeeded = succeededIds.length;
        let audio = 0;
        for (const id of succeededIds)
            audio += await masterSeconds(app.url, id);
        if (succeeded < ids.length)
            ctx.note(`embedded: ${succeeded} of ${ids.length} jobs succeeded within the run`);
        return {
            creates: ids.length,
            succeeded,
            render_threads: process.env.EMBEDDED_RENDER_THREADS ?? 'default',
            track_seconds: ((0, stats_1.nowMs)() - started) / 1000,
            health_live: figures(health),
            job_status: figures(status),
            audio_seconds: audio,
            cpu_per_audio_second: audio > 0 ? cpu / audio : NaN,
        };
    }
    finally {
        await app.stop(context_1.DRAIN_MS);
    }
}
function embeddedLine(r) {
    const f = (x) => x.toFixed(1);
    return (`embedded services, ${r.creates} concurrent creates (${r.succeeded} succeeded in ` +
        `${r.track_seconds.toFixed(1)} s, render threads ${r.render_threads}): ` +
        `/health/live p50 ${f(r.health_live.p50ms)} ms, p99 ${f(r.health_live.p99ms)} ms, max ` +
        `${f(r.health_live.maxms)} ms (${r.health_live.samples}); GET /jobs/{id} p50 ` +
        `${f(r.job_status.p50ms)} ms, p99 ${f(r.job_status.p99ms)} ms, max ${f(r.job_status.maxms)} ms; ` +
        `${r.cpu_per_audio_second.toFixed(3)} s of CPU per second of audio (${r.audio_seconds.toFixed(0)} s made)`);
}
//# sourceMappingURL=phase-embedded.js.map