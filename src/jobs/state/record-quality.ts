import type { QualityReport } from '../../quality/master-quality';
import { type RunWrite, type RunWriteRow, settleRunWrite } from './run-write';
import { EVENT_RETURNING, fencedJobUpdate, webhookOutbox } from './sql-fragments';
import type { TransitionContext } from './transition-context';
import type { Fence } from './types';

/*
 * recordQuality: the quality check of a run records its report on the master.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      unchanged; jobs.quality = the report (a later check replaces it)
 *   guard:   another run's attempt, or a finished job: no-op (fenced)
 *   steps:   none (the check's step finishes by advance, succeed or fail)
 *   events:  quality.checked (the report)
 *   returns: written or fenced
 *   prepared: yes
 */
const SQL = `WITH ${fencedJobUpdate('quality = $3::jsonb')},
       ev AS (
         INSERT INTO job_events (job_id, type, data)
         SELECT j.id, 'quality.checked', $3::jsonb FROM j ${EVENT_RETURNING}),
       ${webhookOutbox('j')}
       SELECT id, status FROM j`;

export async function recordQuality(
  ctx: TransitionContext,
  fence: Fence,
  report: QualityReport,
): Promise<RunWrite> {
  const rows = await ctx.sql.prepared<RunWriteRow>(SQL, [
    fence.jobId,
    fence.attempt,
    JSON.stringify(report),
  ]);
  return settleRunWrite(ctx, fence.jobId, rows);
}
