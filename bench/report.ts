import type { BaselineResult } from './baseline';
import type { CapacityResult } from './phase-capacity';
import type { CostResult } from './phase-cost';
import type { EmbeddedResult } from './phase-embedded';
import type { BacklogResult, SoakResult } from './phase-memory';
import type { SeedResult } from './phase-seed';
import { fmt, Repeated } from './stats';
import { LIST_CONNECTIONS } from './phase-http';

/** The results object, the ratios the issue asks for, and the printed table. */

export interface Results {
  create: Repeated;
  status: Repeated;
  list?: Repeated;
  e2e_throughput: Repeated;
  e2e_latency: Repeated;
  cost: CostResult;
  memory: { backlog: BacklogResult; soak: SoakResult };
  embedded: EmbeddedResult;
  capacity?: CapacityResult;
  seeded?: SeedResult;
  baseline?: BaselineResult;
}

export interface Ratios {
  create_throughput?: number;
  create_p99?: number;
  e2e_throughput?: number;
  e2e_p50?: number;
  e2e_p99?: number;
  sql_statements_per_job: number;
  worker_rss_mb_backlog: number;
}

export function ratios(r: Results): Ratios {
  const kitCreate = r.baseline?.http?.createjob?.median;
  const kitE2e = r.baseline?.pipeline?.e2e_4step?.median;
  const kitLat = r.baseline?.pipeline?.e2e_latency?.median;
  const out: Ratios = {
    sql_statements_per_job: r.cost.sql_statements_per_job,
    worker_rss_mb_backlog: r.memory.backlog.rss_peak_mb,
  };
  if (kitCreate) {
    out.create_throughput = r.create.median.rps / kitCreate.rps;
    out.create_p99 = r.create.median.p99_ms / kitCreate.p99ms;
  }
  if (kitE2e) out.e2e_throughput = r.e2e_throughput.median.jobs_per_s / kitE2e.jobsPerSec;
  if (kitLat) {
    out.e2e_p50 = r.e2e_latency.median.p50_ms / kitLat.p50ms;
    out.e2e_p99 = r.e2e_latency.median.p99_ms / kitLat.p99ms;
  }
  return out;
}

type Row = [string, string, string, string, string, string];

function row(
  label: string,
  rep: Repeated | undefined,
  key: string,
  unit: string,
  d: number,
  bare?: number,
  ratio?: number,
  target = '',
): Row {
  const runs = rep ? rep.runs.map((x) => fmt(x[key], d)).join(' / ') : '';
  return [
    label,
    rep ? `${fmt(rep.median[key], d)} ${unit}` : 'n/a',
    runs,
    bare === undefined ? '' : fmt(bare, d),
    ratio === undefined ? '' : `${fmt(ratio, 2)}`,
    target,
  ];
}

const single = (label: string, value: number, unit: string, d: number, target = ''): Row => [
  label,
  `${fmt(value, d)} ${unit}`,
  '',
  '',
  '',
  target,
];

export function table(r: Results, q: Ratios, flags: { jobs: number; latencyRate: number }) {
  const kit = r.baseline;
  const kc = kit?.http?.createjob?.median;
  const ke = kit?.pipeline?.e2e_4step?.median;
  const kl = kit?.pipeline?.e2e_latency?.median;
  const e = r.e2e_throughput;
  const rows: Row[] = [
    row(
      'POST /create-track, c=50, api only',
      r.create,
      'rps',
      'req/s',
      0,
      kc?.rps,
      q.create_throughput,
      '>= 0.60',
    ),
    row('POST /create-track p50', r.create, 'p50_ms', 'ms', 2, kc?.p50ms),
    row('POST /create-track p99', r.create, 'p99_ms', 'ms', 2, kc?.p99ms, q.create_p99, '<= 2'),
    row('API CPU per create', r.create, 'api_us_per_req', 'us', 0),
    row('GET /jobs/{id}, c=50', r.status, 'rps', 'req/s', 0),
    row('GET /jobs/{id} p99', r.status, 'p99_ms', 'ms', 2),
  ];
  if (r.list)
    rows.push(
      row(
        `GET /jobs first page p99, c=${LIST_CONNECTIONS}`,
        r.list,
        'p99_ms',
        'ms',
        2,
        undefined,
        undefined,
        '< 20 ms',
      ),
    );
  rows.push(
    row(
      `e2e ${flags.jobs} jobs, api + worker`,
      e,
      'jobs_per_s',
      'jobs/s',
      0,
      ke?.jobsPerSec,
      q.e2e_throughput,
      '>= 0.60',
    ),
    row(
      `e2e p50 at ${flags.latencyRate} jobs/s`,
      r.e2e_latency,
      'p50_ms',
      'ms',
      1,
      kl?.p50ms,
      q.e2e_p50,
      '<= 1.5',
    ),
    row(
      `e2e p99 at ${flags.latencyRate} jobs/s`,
      r.e2e_latency,
      'p99_ms',
      'ms',
      1,
      kl?.p99ms,
      q.e2e_p99,
      '<= 2',
    ),
    row('machine CPU per job (e2e)', e, 'machine_us_per_job', 'us', 0, ke?.machineUsPerJob),
    row('worker CPU per job', e, 'worker_us_per_job', 'us', 0, ke?.workerUsPerJob),
    row('API CPU per job', e, 'api_us_per_job', 'us', 0),
    row('PostgreSQL backends CPU per job', e, 'pg_backends_us_per_job', 'us', 0),
    row('Redis server CPU per job', e, 'redis_us_per_job', 'us', 0),
    row('stub CPU per job', e, 'stub_us_per_job', 'us', 0),
    single('SQL statements per job (wire count)', r.cost.sql_statements_per_job, '', 2, '<= 12'),
    row('PostgreSQL transactions per job (pg_stat_database)', e, 'pg_xacts_per_job', '', 2),
    row(
      'seq scans of jobs during e2e (all jobs)',
      e,
      'jobs_seq_scans',
      '',
      0,
      undefined,
      undefined,
      '0',
    ),
    row('HOT share of jobs UPDATEs', e, 'jobs_hot_share', '', 2),
    row('steps that waited in a service line, per job (e2e)', e, 'steps_queued_per_job', '', 3),
    single('Redis commands per job (wire count)', r.cost.redis_commands_per_job, '', 1),
    row('Redis server calls per job (commandstats)', e, 'redis_server_calls_per_job', '', 1),
    single(
      `worker RSS peak, ${fmt(r.memory.backlog.backlog)}-job backlog`,
      r.memory.backlog.rss_peak_mb,
      'MB',
      0,
      '<= 300',
    ),
    single('backlog drain rate', r.memory.backlog.drain_jobs_per_s, 'jobs/s', 0),
    single(
      `worker RSS trend over ${r.memory.soak.seconds} s`,
      r.memory.soak.rss_slope_mb_per_min,
      'MB/min',
      2,
      '~0',
    ),
  );
  const s = r.seeded;
  if (s) {
    rows.push(
      row(
        `create p99, ${fmt(s.rows)} rows seeded`,
        s.create,
        'p99_ms',
        'ms',
        2,
        r.create.median.p99_ms,
        s.create_p99_ratio,
        '<= 1.2',
      ),
      row(
        `status p99, ${fmt(s.rows)} rows seeded`,
        s.status,
        'p99_ms',
        'ms',
        2,
        r.status.median.p99_ms,
        s.status_p99_ratio,
        '<= 1.2',
      ),
    );
    if (s.list)
      rows.push(
        row(
          `GET /jobs first page p99, c=${LIST_CONNECTIONS}, seeded`,
          s.list,
          'p99_ms',
          'ms',
          2,
          undefined,
          undefined,
          '< 20 ms',
        ),
      );
  }
  // reference: the bare kit's figure; for the seeded rows, the empty-table figure.
  const header: Row = ['measurement', 'median', 'runs', 'reference', 'ratio', 'target'];
  return [header, ['---', '---', '---', '---', '---', '---'] as Row, ...rows]
    .map((cols) => `| ${cols.join(' | ')} |`)
    .join('\n');
}
