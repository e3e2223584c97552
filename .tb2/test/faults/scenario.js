"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.sleep = exports.FAULT_SUITE_STUB = void 0;
exports.createJobs = createJobs;
exports.countByStatus = countByStatus;
exports.waitUntil = waitUntil;
exports.settle = settle;
exports.report = report;
exports.expectOutcome = expectOutcome;
const strict_1 = __importDefault(require("node:assert/strict"));
const http_client_1 = require("../support/http-client");
const contract_stub_1 = require("../support/contract-stub");
exports.FAULT_SUITE_STUB = { answers: contract_stub_1.PER_JOB_ANSWERS, dedup: true };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
exports.sleep = sleep;
async function createJobs(apiUrl, count, prompt, options = {}) {
    const parallel = options.parallel ?? 10;
    const ids = [];
    for (let start = 0; start < count; start += parallel) {
        const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => {
            const i = start + k;
            return (0, http_client_1.postJson)(`${apiUrl}/create-track`, {
                prompt: `${prompt} #${i}`,
                ...options.body?.(i),
            });
        });
        for (const res of await Promise.all(batch)) {
            if (res.status !== 202)
                throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
            ids.push(res.body.job_id);
        }
    }
    return ids;
}
async function countByStatus(env, ids) {
    const rows = await env.sql('SELECT status, count(*)::int AS n FROM jobs WHERE id = ANY($1) GROUP BY status', [ids]);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
async function waitUntil(check, timeoutMs, what = 'condition') {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check())
            return;
        await (0, exports.sleep)(100);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
async function settle(env, ids, stub, timeoutMs = 45_000) {
    await waitUntil(async () => {
        const counts = await countByStatus(env, ids);
        return (counts.PENDING ?? 0) + (counts.PROCESSING ?? 0) === 0;
    }, timeoutMs, 'every job to finish').catch(() => undefined);
    const counts = await countByStatus(env, ids);
    const [dup] = await env.sql(`SELECT count(*)::int AS n FROM (
       SELECT job_id, data->>'step' FROM job_events
        WHERE type = 'step.succeeded' AND job_id = ANY($1)
        GROUP BY 1, 2 HAVING count(*) > 1) d`, [ids]);
    const succeeded = await env.sql(`SELECT id, result->>'final_track_url' AS url FROM jobs WHERE id = ANY($1) AND status = 'SUCCESS'`, [ids]);
    return {
        jobs: ids.length,
        succeeded: counts.SUCCESS ?? 0,
        failed: counts.FAILURE ?? 0,
        cancelled: counts.CANCELLED ?? 0,
        stuck: (counts.PENDING ?? 0) + (counts.PROCESSING ?? 0),
        duplicateStepCompletions: dup.n,
        wrongResults: succeeded.filter((r) => r.url !== (0, contract_stub_1.perJobFinalTrackUrl)(r.id)).length,
        ...stub.statsFor(ids),
    };
}
function report(name, s) {
    console.log(`[fault] ${name}: jobs=${s.jobs} succeeded=${s.succeeded} failed=${s.failed} ` +
        `cancelled=${s.cancelled} stuck=${s.stuck} ` +
        `duplicate_step_executions=${s.replays + s.duplicateExecutions} ` +
        `(replayed_by_key=${s.replays} executed_twice=${s.duplicateExecutions}) ` +
        `step_completed_twice=${s.duplicateStepCompletions} overlapping_calls=${s.overlaps} ` +
        `calls=${s.calls} aborted_calls=${s.abortedCalls}`);
}
function expectOutcome(name, s, expected) {
    report(name, s);
    const { crash, ...states } = expected;
    strict_1.default.equal(s.stuck, 0, `${name}: no job is stuck`);
    strict_1.default.deepEqual({ succeeded: s.succeeded, failed: s.failed, cancelled: s.cancelled }, { succeeded: 0, failed: 0, cancelled: 0, ...states }, `${name}: terminal states`);
    strict_1.default.equal(s.duplicateStepCompletions, 0, `${name}: no step completed twice`);
    strict_1.default.equal(s.wrongResults, 0, `${name}: every result is the service's first answer`);
    strict_1.default.equal(s.duplicateExecutions, 0, `${name}: no key executed twice by the service`);
    strict_1.default.equal(s.overlaps, 0, `${name}: no step called twice at the same time`);
    if (crash === undefined)
        strict_1.default.equal(s.replays, 0, `${name}: no completed step was called again`);
}
//# sourceMappingURL=scenario.js.map