"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readCounters = readCounters;
exports.readCountersSettled = readCountersSettled;
exports.perJob = perJob;
const stats_1 = require("./stats");
const TABLES = ['jobs', 'job_steps', 'job_events'];
async function redisCalls(env) {
    const info = await env.redis.info('commandstats');
    const calls = {};
    for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
        calls[m[1]] = Number(m[2]);
    return calls;
}
async function readCounters(env) {
    const ownQueries = env.ownQueries;
    const row = await env.one(`SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database
              WHERE datname = current_database()) AS xacts,
            (SELECT json_object_agg(relname, json_build_object(
                'seq_scan', seq_scan, 'idx_scan', COALESCE(idx_scan, 0), 'n_tup_ins', n_tup_ins,
                'n_tup_upd', n_tup_upd, 'n_tup_hot_upd', n_tup_hot_upd))
               FROM pg_stat_user_tables WHERE relname = ANY($1)) AS tables`, [TABLES]);
    return {
        xacts: Number(row.xacts),
        tables: row.tables ?? {},
        redisCalls: await redisCalls(env),
        ownQueries,
    };
}
async function readCountersSettled(env) {
    await (0, stats_1.sleep)(1_500);
    return readCounters(env);
}
function perJob(a, b, jobs) {
    const out = {
        pg_xacts_per_job: (b.xacts - a.xacts - (b.ownQueries - a.ownQueries)) / jobs,
    };
    for (const t of TABLES) {
        const x = a.tables[t];
        const y = b.tables[t];
        if (!x || !y)
            continue;
        const upd = y.n_tup_upd - x.n_tup_upd;
        out[`${t}_seq_scans`] = y.seq_scan - x.seq_scan;
        out[`${t}_idx_scans_per_job`] = (y.idx_scan - x.idx_scan) / jobs;
        out[`${t}_ins_per_job`] = (y.n_tup_ins - x.n_tup_ins) / jobs;
        out[`${t}_upd_per_job`] = upd / jobs;
        out[`${t}_hot_share`] = upd > 0 ? (y.n_tup_hot_upd - x.n_tup_hot_upd) / upd : NaN;
    }
    let calls = 0;
    for (const [name, n] of Object.entries(b.redisCalls)) {
        if (name === 'info')
            continue;
        calls += n - (a.redisCalls[name] ?? 0);
    }
    out.redis_server_calls_per_job = calls / jobs;
    return out;
}
//# sourceMappingURL=server-counters.js.map