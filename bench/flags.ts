import { resolve } from 'node:path';
import type { CapacityMode } from './phase-capacity';

/** The project root: compiled files live in dist/bench or .test-build/bench. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export type LoadTool = 'wrk' | 'autocannon' | 'auto';

export interface Flags {
  quick: boolean;
  /** Run the bare-stack kit of bench/kit first and report ratios against it. */
  baseline: boolean;
  /** The bench-limits kit to run besides the bare kit, to check that the two agree. */
  referenceKit?: string;
  /** Stop after the baseline: no orchestrator phases. */
  baselineOnly: boolean;
  /** Run only the embedded-services phase. */
  embeddedOnly: boolean;
  /** Run only the capacity phase. */
  capacityOnly: boolean;
  /** Run only the A/B of the service lines: workers with and without them, in pairs. */
  linesAb: boolean;
  /** Another build's entry point: run only the A/B of this build against it, both at once. */
  abApp?: string;
  /** Jobs per capacity run (each run with every mode of `capacityModes`). */
  capacityJobs: number[];
  capacityModes: CapacityMode[];
  seedRows: number;
  /** Jobs per end-to-end throughput repetition. */
  jobs: number;
  reps: number;
  out: string;
  /** The orchestrator's compiled entry point. */
  app: string;
  /** Seconds of each create / status load repetition. */
  loadSeconds: number;
  connections: number;
  /** Offered rate of the low-load latency and soak runs, jobs/s. */
  latencyRate: number;
  latencyJobs: number;
  backlog: number;
  soakSeconds: number;
  /** Jobs pushed through the counting proxies for the SQL / Redis cost per job. */
  costJobs: number;
  loadTool: LoadTool;
  /** Write --cpu-prof profiles of the API and worker during the end-to-end phase here. */
  cpuProfDir?: string;
  /** Concurrent clients creating jobs in the end-to-end run (the kit uses 32 producers). */
  producers: number;
}

const USAGE = `Usage: node dist/bench/run.js [options]
  --quick               seconds-long smoke run of the harness (1 rep, small counts)
  --baseline [PATH]     run the bare-stack kit (bench/kit) first and report ratios against it;
                        with PATH, also run the bench-limits kit there and compare the kits
  --baseline-only       run the baseline only (implies --baseline)
  --embedded-only       run only the embedded-services phase: /health/live and GET /jobs/{id}
                        latency while 10 concurrent creates render on the embedded services
  --capacity-only       run only the capacity phase: a sound generation service of capacity 2
                        (1 s per call, 503 beyond), 1 API + 2 workers, with and without a limit
  --lines-ab            run only the A/B of the service lines: --reps pairs of a worker with
                        them (adaptive) and one with every line off, back to back
  --ab-app PATH         run only the A/B of this build against the build whose entry point
                        is PATH (dist/src/main.js of another checkout): --reps rounds of an
                        API and a worker of each, both at once, each on its own database
  --capacity-jobs LIST  jobs per capacity run, comma-separated (default 30,100; quick 6)
  --capacity-modes LIST limit, adaptive and/or unlimited (default limit,adaptive)
  --seed-rows N         seed N finished jobs, then measure create/status/list again
  --jobs N              jobs per end-to-end throughput rep (default 2000; quick 100)
  --reps N              repetitions per measurement (default 3; quick 1)
  --out PATH            results file (default bench/results/latest.json)
  --app PATH            orchestrator entry point (default: src/main.js next to this build)
  --seconds N           seconds per create/status load rep (default 10; quick 2)
  --latency-rate N      jobs/s offered in the latency and soak runs (default 50)
  --latency-jobs N      jobs per latency rep (default 300; quick 50)
  --backlog N           jobs queued before the worker starts (default 10000; quick 1000)
  --soak-seconds N      sustained run for RSS growth (default 60; quick 3)
  --cost-jobs N         jobs run through the counting proxies (default 500; quick 30)
  --load-tool T         wrk | autocannon | auto (default auto: wrk when installed)
  --cpu-prof DIR        write --cpu-prof profiles of the API and worker (e2e phase) to DIR
  --producers N         concurrent creators in the end-to-end run (default 32)`;

export function parseFlags(argv: string[]): Flags {
  const quick = argv.includes('--quick');
  const flags: Flags = {
    quick,
    baseline: false,
    baselineOnly: false,
    embeddedOnly: false,
    capacityOnly: false,
    linesAb: false,
    capacityJobs: quick ? [6] : [30, 100],
    capacityModes: ['limit', 'adaptive'],
    seedRows: 0,
    jobs: quick ? 100 : 2000,
    reps: quick ? 1 : 3,
    out: resolve(PROJECT_ROOT, 'bench', 'results', 'latest.json'),
    app: resolve(__dirname, '..', 'src', 'main.js'),
    loadSeconds: quick ? 2 : 10,
    connections: 50,
    latencyRate: 50,
    latencyJobs: quick ? 50 : 300,
    backlog: quick ? 1000 : 10_000,
    soakSeconds: quick ? 3 : 60,
    costJobs: quick ? 30 : 500,
    loadTool: 'auto',
    producers: 32,
  };
  const ints: Record<string, keyof Flags> = {
    '--seed-rows': 'seedRows',
    '--jobs': 'jobs',
    '--reps': 'reps',
    '--seconds': 'loadSeconds',
    '--latency-rate': 'latencyRate',
    '--latency-jobs': 'latencyJobs',
    '--backlog': 'backlog',
    '--soak-seconds': 'soakSeconds',
    '--cost-jobs': 'costJobs',
    '--producers': 'producers',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--quick') continue;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg in ints) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} must be a whole number`);
      (flags as unknown as Record<string, number>)[ints[arg]] = n;
    } else if (arg === '--baseline') {
      flags.baseline = true;
      const path = argv[i + 1];
      if (path !== undefined && !path.startsWith('--')) flags.referenceKit = resolve(argv[++i]);
    } else if (arg === '--embedded-only') {
      flags.embeddedOnly = true;
    } else if (arg === '--capacity-only') {
      flags.capacityOnly = true;
    } else if (arg === '--lines-ab') {
      flags.linesAb = true;
    } else if (arg === '--ab-app') {
      flags.abApp = resolve(value());
    } else if (arg === '--capacity-jobs') {
      const list = value().split(',').map(Number);
      if (!list.every((n) => Number.isInteger(n) && n >= 2))
        throw new Error('--capacity-jobs takes whole numbers of at least 2, comma-separated');
      flags.capacityJobs = list;
    } else if (arg === '--capacity-modes') {
      const list = value().split(',');
      if (!list.every((m) => m === 'limit' || m === 'adaptive' || m === 'unlimited'))
        throw new Error('--capacity-modes takes limit, adaptive and unlimited, comma-separated');
      flags.capacityModes = list;
    } else if (arg === '--baseline-only') {
      flags.baseline = true;
      flags.baselineOnly = true;
    } else if (arg === '--out') flags.out = resolve(value());
    else if (arg === '--app') flags.app = resolve(value());
    else if (arg === '--cpu-prof') flags.cpuProfDir = resolve(value());
    else if (arg === '--load-tool') {
      const tool = value();
      if (tool !== 'wrk' && tool !== 'autocannon' && tool !== 'auto')
        throw new Error('--load-tool must be wrk, autocannon or auto');
      flags.loadTool = tool;
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (flags.reps < 1 || flags.jobs < 1 || flags.loadSeconds < 1 || flags.latencyRate < 1)
    throw new Error('--reps, --jobs, --seconds and --latency-rate must be at least 1');
  return flags;
}
