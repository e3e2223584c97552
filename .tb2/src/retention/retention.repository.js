"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RetentionRepository = void 0;
const common_1 = require("@nestjs/common");
const job_status_1 = require("../jobs/job-status");
const steps_1 = require("../pipeline/steps");
const ARTIFACT_STEPS = [...new Set(steps_1.ARTIFACT_FIELDS.map((field) => field.step.name))];
function jobWithFilesColumns(steps) {
    return `j.id, j.result->>'final_track_url' AS final_track_url,
          (SELECT COALESCE(json_agg(json_build_object('step', s.step, 'output', s.output)), '[]')
             FROM job_steps s
            WHERE s.job_id = j.id AND s.step = ANY(${steps}::text[])) AS steps`;
}
async function deleteJobs(tx, ids) {
    const deleted = await tx.query(`WITH d AS (DELETE FROM jobs WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM d`, [ids]);
    return deleted.length;
}
let RetentionRepository = class RetentionRepository {
    async deleteExpiredBatch(manager, days, limit, after, removeFiles) {
        return manager.transaction(async (tx) => {
            const rows = await tx.query(`SELECT ${jobWithFilesColumns('$5')}, j.created_at::text AS created_at_text
           FROM jobs j
          WHERE j.status IN ('SUCCESS', 'FAILURE', 'CANCELLED')
            AND j.created_at < now() - make_interval(days => $1)
            AND j.finished_at < now() - make_interval(days => $1)
            AND ($3::timestamptz IS NULL OR (j.created_at, j.id) > ($3::timestamptz, $4::uuid))
          ORDER BY j.created_at, j.id
          LIMIT $2
            FOR UPDATE OF j SKIP LOCKED`, [days, limit, after?.createdAt ?? null, after?.id ?? null, ARTIFACT_STEPS]);
            if (rows.length === 0)
                return { selected: 0, last: undefined, deleted: 0 };
            const lastRow = rows[rows.length - 1];
            const last = { createdAt: lastRow.created_at_text, id: lastRow.id };
            const jobs = rows.map(({ created_at_text: _cursor, ...job }) => job);
            const removable = await removeFiles(jobs);
            if (removable.length === 0)
                return { selected: jobs.length, last, deleted: 0 };
            return { selected: jobs.length, last, deleted: await deleteJobs(tx, removable) };
        });
    }
    async deleteFinishedJob(manager, jobId, owner, removeFiles) {
        return manager.transaction(async (tx) => {
            const rows = await tx.query(`SELECT ${jobWithFilesColumns('$3')}, j.status
           FROM jobs j
          WHERE j.id = $1 AND ($2::text IS NULL OR j.owner = $2)
            FOR UPDATE OF j`, [jobId, owner ?? null, ARTIFACT_STEPS]);
            const [row] = rows;
            if (row === undefined)
                return { kind: 'not-found' };
            const { status, ...job } = row;
            if (!job_status_1.TERMINAL_STATUSES.includes(status))
                return { kind: 'unfinished', status };
            const removed = await removeFiles([job]);
            if (removed.removable.length === 0)
                return { kind: 'files-kept' };
            await deleteJobs(tx, removed.removable);
            return { kind: 'deleted', files: removed.files };
        });
    }
};
exports.RetentionRepository = RetentionRepository;
exports.RetentionRepository = RetentionRepository = __decorate([
    (0, common_1.Injectable)()
], RetentionRepository);
//# sourceMappingURL=retention.repository.js.map