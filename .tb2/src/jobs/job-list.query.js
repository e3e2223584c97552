"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUMMARY_COLUMNS = void 0;
exports.jobListQuery = jobListQuery;
exports.SUMMARY_COLUMNS = `j.id, j.status, j.prompt, j.reference_track_url, j.current_step, j.result,
  j.error, j.attempt, j.owner, j.cancel_requested_at, j.created_at, j.updated_at, j.started_at,
  j.finished_at, j.priority, j.queued_at`;
const likePattern = (text) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
function jobListQuery(filter) {
    const params = [];
    const bind = (value) => `$${params.push(value)}`;
    const where = [];
    if (filter.owner !== undefined)
        where.push(`j.owner = ${bind(filter.owner)}`);
    if (filter.statuses?.length === 1)
        where.push(`j.status = ${bind(filter.statuses[0])}`);
    else if (filter.statuses?.length)
        where.push(`j.status = ANY(${bind(filter.statuses)}::job_status[])`);
    if (filter.createdAfter)
        where.push(`j.created_at >= ${bind(filter.createdAfter)}::timestamptz`);
    if (filter.createdBefore)
        where.push(`j.created_at < ${bind(filter.createdBefore)}::timestamptz`);
    if (filter.text)
        where.push(`j.prompt ILIKE ${bind(likePattern(filter.text))}`);
    if (filter.after) {
        const at = bind(filter.after.createdAt);
        where.push(`(j.created_at, j.id) < (${at}::timestamptz, ${bind(filter.after.id)}::uuid)`);
    }
    const sql = `SELECT ${exports.SUMMARY_COLUMNS},
         to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
    FROM jobs j
   ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
   ORDER BY j.created_at DESC, j.id DESC
   LIMIT ${bind(filter.limit + 1)}`;
    return { sql, params };
}
//# sourceMappingURL=job-list.query.js.map