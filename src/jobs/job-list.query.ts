import type { JobStatus } from './job-status';
import type { ListPosition } from './job-list-cursor';
import type { JobSummaryRecord } from './jobs.repository';

export interface JobListFilter {
  /** Only this owner's jobs; undefined for every owner. */
  owner?: string;
  statuses?: JobStatus[];
  createdAfter?: string;
  createdBefore?: string;
  /** Substring of the prompt, case-insensitive. */
  text?: string;
  /** Continue after this job (exclusive), newest first. */
  after?: ListPosition;
  limit: number;
}

export interface JobListPage {
  jobs: JobSummaryRecord[];
  /** Where the next page starts, or null when this one is the last. */
  next: ListPosition | null;
}

/** The columns of a job as the API shows it, steps aside. */
export const SUMMARY_COLUMNS = `j.id, j.status, j.prompt, j.reference_track_url, j.current_step, j.result,
  j.error, j.attempt, j.owner, j.cancel_requested_at, j.created_at, j.updated_at, j.started_at,
  j.finished_at, j.priority, j.queued_at, j.quality`;

/** `%`, `_` and `\\` are literal in a free-text search. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The SQL of one page of `GET /jobs`: keyset on (created_at, id), newest first, one row
 * more than the page to tell whether another follows. Served in index order by
 * `jobs_created_idx`, `jobs_owner_created_idx` or `jobs_status_created_idx`, and by
 * `jobs_prompt_trgm_idx` for a rare search term. Only the conditions in use are in the
 * SQL, so each shape gets its own plan. Exported for the test that EXPLAINs it.
 */
export function jobListQuery(filter: JobListFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const where: string[] = [];
  if (filter.owner !== undefined) where.push(`j.owner = ${bind(filter.owner)}`);
  if (filter.statuses?.length === 1) where.push(`j.status = ${bind(filter.statuses[0])}`);
  else if (filter.statuses?.length)
    where.push(`j.status = ANY(${bind(filter.statuses)}::job_status[])`);
  if (filter.createdAfter) where.push(`j.created_at >= ${bind(filter.createdAfter)}::timestamptz`);
  if (filter.createdBefore) where.push(`j.created_at < ${bind(filter.createdBefore)}::timestamptz`);
  if (filter.text) where.push(`j.prompt ILIKE ${bind(likePattern(filter.text))}`);
  if (filter.after) {
    const at = bind(filter.after.createdAt);
    where.push(`(j.created_at, j.id) < (${at}::timestamptz, ${bind(filter.after.id)}::uuid)`);
  }
  const sql = `SELECT ${SUMMARY_COLUMNS},
         to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
    FROM jobs j
   ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
   ORDER BY j.created_at DESC, j.id DESC
   LIMIT ${bind(filter.limit + 1)}`;
  return { sql, params };
}
