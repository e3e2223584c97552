import type { JobStatus } from '../job-status';

/**
 * How a transition reaches PostgreSQL. `prepared` runs a fixed statement as a named
 * prepared statement (planned once per connection: the per-job state changes); `planned`
 * plans it on every call (rare requests and sweeps, whose best plan depends on the data).
 */
export interface SqlRunner {
  prepared<T>(text: string, values: unknown[]): Promise<T[]>;
  planned<T>(text: string, values: unknown[]): Promise<T[]>;
}

/**
 * Who hears of a committed change: live views (SSE, dashboards) are told that the job has
 * new events; `finished` is the terminal status the change ended the job in, if any.
 */
export interface ChangeAnnouncer {
  changed(jobId: string, finished?: JobStatus): void;
}

/** Everything a transition needs: where to write and whom to tell. */
export interface TransitionContext {
  sql: SqlRunner;
  announce: ChangeAnnouncer;
}
