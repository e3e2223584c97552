"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIST_CONNECTIONS = void 0;
exports.createBench = createBench;
exports.statusBench = statusBench;
exports.listBench = listBench;
exports.successIds = successIds;
const http_client_1 = require("./http-client");
const loadgen_1 = require("./loadgen");
const stats_1 = require("./stats");
async function measure(ctx, api, label, spec, connections = ctx.flags.connections) {
    const base = { ...spec, baseUrl: api.url, connections };
    await (0, loadgen_1.runLoad)(ctx.tool, { ...base, seconds: 1 });
    const result = await (0, stats_1.repeat)(ctx.flags.reps, async () => {
        const cpu = await ctx.cpuWindow({ api });
        const load = await (0, loadgen_1.runLoad)(ctx.tool, { ...base, seconds: ctx.flags.loadSeconds });
        const usage = await cpu.close(load.requests);
        if (load.non2xx > 0 || load.errors > 0)
            ctx.note(`${label}: ${load.non2xx} non-2xx answers, ${load.errors} socket errors`);
        return {
            ...load,
            api_util: usage.api_util,
            api_us_per_req: usage.api_us_per_op,
            machine_util: usage.machine_util,
            machine_us_per_req: usage.machine_us_per_op,
            pg_backends_us_per_req: usage.pg_backends_us_per_op,
            steal: usage.steal,
        };
    });
    ctx.log(`${label}: ${result.runs.map((r) => (0, stats_1.fmt)(r.rps)).join(' / ')} req/s, p99 ${result.runs
        .map((r) => (0, stats_1.fmt)(r.p99_ms, 1))
        .join(' / ')} ms, API ${(0, stats_1.fmt)(result.median.api_us_per_req)} us/req`);
    return result;
}
async function createBench(ctx, api) {
    const result = await measure(ctx, api, 'create', {
        method: 'POST',
        paths: ['/create-track'],
        body: ctx.body,
    });
    const { n } = await ctx.env.one('SELECT count(*) AS n FROM jobs');
    ctx.log(`create: ${n} jobs stored`);
    await ctx.reset();
    return result;
}
function statusBench(ctx, api, ids) {
    if (ids.length === 0)
        throw new Error('status bench needs job ids');
    return measure(ctx, api, 'status', { method: 'GET', paths: ids.map((id) => `/jobs/${id}`) });
}
exports.LIST_CONNECTIONS = 4;
async function listBench(ctx, api) {
    const probe = await (0, http_client_1.httpCall)('GET', `${api.url}/jobs`);
    if (probe.status === 404) {
        ctx.note('GET /jobs answered 404: the job list route does not exist yet; list not measured');
        return undefined;
    }
    if (probe.status !== 200) {
        ctx.note(`GET /jobs answered ${probe.status}; list not measured: ${probe.body.slice(0, 200)}`);
        return undefined;
    }
    return measure(ctx, api, 'list', { method: 'GET', paths: ['/jobs'] }, exports.LIST_CONNECTIONS);
}
async function successIds(ctx, limit = 2000) {
    const rows = await ctx.env.sql(`SELECT id FROM jobs WHERE status = 'SUCCESS' ORDER BY created_at DESC LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
}
//# sourceMappingURL=phase-http.js.map