import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context';
import {
  bareCreateSuite,
  BareCreateFigures,
  BareKitResult,
  barePipelineSuite,
  withBareTable,
} from './kit/bare-kit';
import { fmt, pooled, Repeated } from './stats';

/**
 * The bare-stack figures every orchestrator figure is a ratio of, measured in the same run:
 * the kit under bench/kit (a node:http create server doing one INSERT and one Bull add; a
 * framework-free four-step pipeline on Bull and PostgreSQL against the bench's stub).
 *
 * `--baseline PATH` also runs the bench-limits kit at PATH, the reference the bare kit was
 * written against, one repetition of each suite at a time, alternating with the bare kit's
 * (so both see the same machine), and reports how far the two kits' medians are apart. The
 * ratios stay against the bare kit.
 */

interface KitRepeated {
  runs: Record<string, number>[];
  median: Record<string, number>;
}

export interface ReferenceKitResult {
  path: string;
  http?: { bare?: KitRepeated; createjob?: KitRepeated };
  pipeline?: { e2e_4step?: KitRepeated; e2e_latency?: KitRepeated };
  skipped: string[];
}

/** One figure of both kits: the bare kit's median over the reference kit's. */
export interface KitAgreement {
  figure: string;
  bare: number;
  reference: number;
  ratio: number;
}

export interface BaselineResult extends BareKitResult {
  reference?: ReferenceKitResult & { agreement: KitAgreement[] };
}

/** How far apart the two kits' medians may be for the bare kit to stand in for the reference. */
export const KIT_AGREEMENT = 0.1;

function run(ctx: Context, cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    ctx.log(`reference kit: ${cmd} ${args.join(' ')} (in ${cwd})`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean))
        process.stderr.write(`  kit | ${line}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
    );
  });
}

function readSuite<T>(path: string, suite: string): T {
  const file = join(path, 'results', `partial-${suite}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, T>)[suite];
}

/** Runs one suite (`http` or `pipeline`) of the bench-limits kit at `path`, on our database. */
async function referenceSuite<T>(ctx: Context, path: string, suite: string): Promise<T> {
  const pg = new URL(ctx.env.databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REPS: '1',
    PGHOST: pg.hostname,
    PGPORT: pg.port || '5432',
    PGUSER: decodeURIComponent(pg.username) || 'postgres',
    PGDATABASE: ctx.env.name,
    WRK_DURATION: `${ctx.flags.loadSeconds}s`,
    PIPELINE_JOBS: String(ctx.flags.jobs),
    ...(ctx.flags.quick ? { PIPELINE_LAT_JOBS: '50' } : {}),
  };
  await run(ctx, path, process.execPath, ['src/all.js', suite], env);
  return readSuite<T>(path, suite);
}

function agreement(bare: BareKitResult, reference: ReferenceKitResult): KitAgreement[] {
  const pairs: [string, number | undefined, number | undefined][] = [
    ['create req/s', bare.http.createjob.median.rps, reference.http?.createjob?.median.rps],
    ['create p99 ms', bare.http.createjob.median.p99ms, reference.http?.createjob?.median.p99ms],
    [
      'pipeline jobs/s',
      bare.pipeline.e2e_4step.median.jobsPerSec,
      reference.pipeline?.e2e_4step?.median.jobsPerSec,
    ],
    [
      'pipeline p50 ms',
      bare.pipeline.e2e_latency.median.p50ms,
      reference.pipeline?.e2e_latency?.median.p50ms,
    ],
    [
      'pipeline p99 ms',
      bare.pipeline.e2e_latency.median.p99ms,
      reference.pipeline?.e2e_latency?.median.p99ms,
    ],
  ];
  return pairs
    .filter((p): p is [string, number, number] => p[1] !== undefined && p[2] !== undefined)
    .map(([figure, b, r]) => ({ figure, bare: b, reference: r, ratio: b / r }));
}

/** The reference kit's suites, one repetition at a time, pooled like the bare kit's. */
function pooledReference(parts: ReferenceKitResult[]): ReferenceKitResult {
  const pool = (pick: (part: ReferenceKitResult) => KitRepeated | undefined) => {
    const found = parts.map(pick).filter((r): r is KitRepeated => r !== undefined);
    return found.length > 0 ? pooled(found) : undefined;
  };
  return {
    ...parts[0],
    http: { createjob: pool((p) => p.http?.createjob) },
    pipeline: {
      e2e_4step: pool((p) => p.pipeline?.e2e_4step),
      e2e_latency: pool((p) => p.pipeline?.e2e_latency),
    },
  };
}

/**
 * Without a reference, the bare kit's two suites. With one, each repetition runs the bare
 * suite and the reference suite back to back, create then pipeline, so a change in the
 * machine's load falls on both kits alike.
 */
export async function runBaseline(ctx: Context, referencePath?: string): Promise<BaselineResult> {
  if (!referencePath) {
    const createjob = await withBareTable(ctx, () => bareCreateSuite(ctx));
    const pipeline = await withBareTable(ctx, () => barePipelineSuite(ctx));
    return { http: { createjob }, pipeline };
  }
  if (!existsSync(join(referencePath, 'src', 'all.js')))
    throw new Error(
      `--baseline ${referencePath}: no src/all.js there; is it the bench-limits kit?`,
    );
  if (!existsSync(join(referencePath, 'node_modules')))
    await run(ctx, referencePath, 'npm', ['ci', '--no-audit', '--no-fund'], process.env);
  const skipped: string[] = [];
  if (ctx.tool !== 'wrk') {
    skipped.push(
      'wrk is not installed (apt-get install wrk): the reference kit http suite was skipped',
    );
    ctx.note(skipped[0]);
  }
  const creates: Repeated<BareCreateFigures>[] = [];
  const pipelines: BareKitResult['pipeline'][] = [];
  const references: ReferenceKitResult[] = [];
  for (let rep = 0; rep < ctx.flags.reps; rep++) {
    ctx.log(`baseline: repetition ${rep + 1} of ${ctx.flags.reps}, bare kit and reference kit`);
    const reference: ReferenceKitResult = { path: referencePath, skipped };
    const bareCreate = async () => {
      creates.push(await withBareTable(ctx, () => bareCreateSuite(ctx, 1)));
    };
    const referenceHttp = async () => {
      if (ctx.tool === 'wrk') reference.http = await referenceSuite(ctx, referencePath, 'http');
    };
    const barePipeline = async () => {
      pipelines.push(await withBareTable(ctx, () => barePipelineSuite(ctx, 1)));
    };
    const referencePipeline = async () => {
      reference.pipeline = await referenceSuite(ctx, referencePath, 'pipeline');
    };
    // Whichever suite runs right after a pipeline meets the database still writing it out:
    // the kits take turns at going first.
    const order =
      rep % 2 === 0
        ? [bareCreate, referenceHttp, barePipeline, referencePipeline]
        : [referenceHttp, bareCreate, referencePipeline, barePipeline];
    for (const suite of order) await suite();
    references.push(reference);
  }
  const bare: BareKitResult = {
    http: { createjob: pooled(creates) },
    pipeline: {
      e2e_4step: pooled(pipelines.map((p) => p.e2e_4step)),
      e2e_latency: pooled(pipelines.map((p) => p.e2e_latency)),
    },
  };
  const reference = pooledReference(references);
  return { ...bare, reference: { ...reference, agreement: agreement(bare, reference) } };
}

/** The two kits side by side, one row per figure. */
export function agreementTable(rows: KitAgreement[]): string {
  const lines = [
    '| figure | bare kit (bench/kit) | reference kit | bare / reference | within 10% |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${fmt(r.bare, 1)} | ${fmt(r.reference, 1)} | ${fmt(r.ratio, 2)} | ` +
        `${Math.abs(r.ratio - 1) <= KIT_AGREEMENT ? 'yes' : 'no'} |`,
    ),
  ];
  return lines.join('\n');
}
