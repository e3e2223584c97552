"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SERVICE_LABEL = void 0;
exports.createTrack = createTrack;
exports.createTracks = createTracks;
exports.getJob = getJob;
exports.metricValue = metricValue;
exports.metricSum = metricSum;
exports.accepted = accepted;
exports.inFlightAt = inFlightAt;
exports.peakConcurrency = peakConcurrency;
exports.ranWhileBusy = ranWhileBusy;
exports.describeUnfinished = describeUnfinished;
const http_client_1 = require("./http-client");
exports.SERVICE_LABEL = {
    parse: 'prompt-parser',
    analyze: 'style-analysis',
    generate: 'sound-generation',
    process: 'mixing-mastering',
};
async function createTrack(apiUrl, body, headers = {}) {
    const res = await (0, http_client_1.postJson)(`${apiUrl}/create-track`, body, headers);
    if (res.status !== 202)
        throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.job_id;
}
async function createTracks(apiUrl, count, prompt, options = {}) {
    const parallel = options.parallel ?? 10;
    const ids = [];
    for (let start = 0; start < count; start += parallel) {
        const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => createTrack(apiUrl, { prompt: `${prompt} #${start + k}`, ...options.body?.(start + k) }, options.headers));
        ids.push(...(await Promise.all(batch)));
    }
    return ids;
}
async function getJob(apiUrl, id, headers = {}) {
    const res = await (0, http_client_1.requestJson)(`${apiUrl}/jobs/${id}`, { headers });
    if (res.status !== 200)
        throw new Error(`GET /jobs/${id}: ${res.status}`);
    return res.body;
}
function metricValue(text, name, labels = {}) {
    for (const line of text.split('\n')) {
        if (line.startsWith('#'))
            continue;
        const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
        if (!match || match[1] !== name)
            continue;
        const found = {};
        for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
            found[pair[1]] = pair[2];
        if (Object.entries(labels).every(([k, v]) => found[k] === v))
            return Number(match[4]);
    }
    return undefined;
}
async function metricSum(urls, name, labels = {}, headers = {}) {
    let sum = 0;
    for (const url of urls) {
        const text = await (await fetch(`${url}/metrics`, { headers })).text();
        sum += metricValue(text, name, labels) ?? 0;
    }
    return sum;
}
function accepted(calls) {
    return calls.filter((c) => c.outcome !== 'refused');
}
function inFlightAt(calls, t) {
    return calls.filter((c) => c.at <= t && (c.endedAt ?? Infinity) > t).length;
}
function peakConcurrency(calls) {
    return Math.max(0, ...calls.map((c) => inFlightAt(calls, c.at)));
}
function ranWhileBusy(call, others, n) {
    const end = call.endedAt ?? Infinity;
    const moments = [call.at, ...others.map((o) => o.at).filter((t) => t > call.at && t < end)];
    return moments.some((t) => inFlightAt(others, t) >= n);
}
async function describeUnfinished(env, ids) {
    const rows = await env.sql(`SELECT j.id, j.status, j.current_step, j.queued_at, j.attempt, j.created_at, j.updated_at,
            (SELECT json_agg(json_build_object('step', s.step, 'status', s.status,
                    'attempts', s.attempts, 'log', s.attempt_log) ORDER BY s.step)
               FROM job_steps s WHERE s.job_id = j.id) AS steps
       FROM jobs j WHERE j.id = ANY($1) AND j.status IN ('PENDING', 'PROCESSING')`, [ids]);
    return JSON.stringify(rows);
}
//# sourceMappingURL=service-line.js.map