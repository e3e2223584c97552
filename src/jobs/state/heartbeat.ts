import type { TransitionContext } from './transition-context';
import type { Fence } from './types';

/*
 * heartbeat: a run with a long step in flight tells the reconciler it is alive.
 *   from:    PROCESSING, held by this run (attempt = the fence)
 *   to:      unchanged; updated_at refreshed
 *   guard:   another run's attempt, or a finished job: no-op
 *   steps, events: none
 *   prepared: yes
 */
const SQL = `UPDATE jobs SET updated_at = now() WHERE id = $1 AND attempt = $2 AND status = 'PROCESSING'`;

export async function heartbeat(ctx: TransitionContext, fence: Fence): Promise<void> {
  await ctx.sql.prepared(SQL, [fence.jobId, fence.attempt]);
}
