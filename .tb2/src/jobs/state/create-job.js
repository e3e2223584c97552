"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createJob = createJob;
const sql_fragments_1 = require("./sql-fragments");
const SQL = `WITH room AS (
         SELECT count(*) < $12 AS ok FROM (
           SELECT 1 FROM jobs WHERE owner = $4 AND finished_at IS NULL LIMIT $12) unfinished),
       j AS (
         INSERT INTO jobs (id, prompt, reference_track_url, owner, idempotency_key, request_fingerprint,
                           deadline_at, webhook_url, webhook_events, step_list_version, priority)
         SELECT $1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::float8 / 1000), $8, $9::text[],
                $10, $11::job_priority
           FROM room WHERE room.ok
         ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING id, webhook_url, webhook_events),
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT id, 'job.status', '{"status":"PENDING"}'::jsonb FROM j ${sql_fragments_1.EVENT_RETURNING}),
       ${(0, sql_fragments_1.webhookOutbox)('j')}
       SELECT (SELECT count(*) FROM ev)::int AS created, room.ok AS room FROM room`;
async function createJob(ctx, job) {
    const rows = await ctx.sql.prepared(SQL, [
        job.id,
        job.prompt,
        job.referenceTrackUrl,
        job.owner,
        job.idempotencyKey,
        job.requestFingerprint,
        job.deadlineMs,
        job.webhookUrl ?? null,
        job.webhookEvents ?? null,
        job.stepListVersion,
        job.priority,
        job.maxBacklog,
    ]);
    if (rows[0]?.created === 1) {
        ctx.announce.changed(job.id);
        return 'created';
    }
    return rows[0]?.room === false ? 'backlog full' : 'duplicate';
}
//# sourceMappingURL=create-job.js.map