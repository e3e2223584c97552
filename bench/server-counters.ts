import type { BenchEnv } from './bench-env';
import { sleep } from './stats';

/**
 * Server-side counters around a run: PostgreSQL's pg_stat_database / pg_stat_user_tables
 * for the bench database (transactions, tuples, scans, HOT updates), and Redis's INFO
 * commandstats (server-wide: other clients of the same Redis count too). The harness's
 * own statements and scans are subtracted.
 */

const TABLES = ['jobs', 'job_steps', 'job_events'] as const;

interface TableStats {
  seq_scan: number;
  idx_scan: number;
  n_tup_ins: number;
  n_tup_upd: number;
  n_tup_hot_upd: number;
}

export interface ServerCounters {
  xacts: number;
  tables: Record<string, TableStats>;
  redisCalls: Record<string, number>;
  ownQueries: number;
}

async function redisCalls(env: BenchEnv): Promise<Record<string, number>> {
  const info = await env.redis.info('commandstats');
  const calls: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[m[1]] = Number(m[2]);
  return calls;
}

export async function readCounters(env: BenchEnv): Promise<ServerCounters> {
  const ownQueries = env.ownQueries;
  const row = await env.one<{ xacts: string; tables: Record<string, TableStats> | null }>(
    `SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database
              WHERE datname = current_database()) AS xacts,
            (SELECT json_object_agg(relname, json_build_object(
                'seq_scan', seq_scan, 'idx_scan', COALESCE(idx_scan, 0), 'n_tup_ins', n_tup_ins,
                'n_tup_upd', n_tup_upd, 'n_tup_hot_upd', n_tup_hot_upd))
               FROM pg_stat_user_tables WHERE relname = ANY($1)) AS tables`,
    [TABLES],
  );
  return {
    xacts: Number(row.xacts),
    tables: row.tables ?? {},
    redisCalls: await redisCalls(env),
    ownQueries,
  };
}

/** PostgreSQL publishes a backend's counters about once a second once it is idle. */
export async function readCountersSettled(env: BenchEnv): Promise<ServerCounters> {
  await sleep(1_500);
  return readCounters(env);
}

/** Per-job deltas between two readings, as flat figures. */
export function perJob(a: ServerCounters, b: ServerCounters, jobs: number): Record<string, number> {
  const out: Record<string, number> = {
    pg_xacts_per_job: (b.xacts - a.xacts - (b.ownQueries - a.ownQueries)) / jobs,
  };
  for (const t of TABLES) {
    const x = a.tables[t];
    const y = b.tables[t];
    if (!x || !y) continue;
    const upd = y.n_tup_upd - x.n_tup_upd;
    out[`${t}_seq_scans`] = y.seq_scan - x.seq_scan;
    out[`${t}_idx_scans_per_job`] = (y.idx_scan - x.idx_scan) / jobs;
    out[`${t}_ins_per_job`] = (y.n_tup_ins - x.n_tup_ins) / jobs;
    out[`${t}_upd_per_job`] = upd / jobs;
    out[`${t}_hot_share`] = upd > 0 ? (y.n_tup_hot_upd - x.n_tup_hot_upd) / upd : NaN;
  }
  let calls = 0;
  for (const [name, n] of Object.entries(b.redisCalls)) {
    if (name === 'info') continue; // the harness's own readings
    calls += n - (a.redisCalls[name] ?? 0);
  }
  out.redis_server_calls_per_job = calls / jobs;
  return out;
}
