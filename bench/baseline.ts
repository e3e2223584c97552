import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context';
import { wrkInstalled } from './loadgen';

/**
 * The bare-stack figures from the bench-limits kit, run in the same session right before
 * the orchestrator: its `http` suite (wrk against a node:http create-job server doing one
 * INSERT and one Bull add) and its `pipeline` suite (a framework-free 4-step pipeline).
 * Each suite writes results/partial-<suite>.json; `{runs, median}` objects as ours.
 */

interface KitRepeated {
  runs: Record<string, number>[];
  median: Record<string, number>;
}

export interface BaselineResult {
  path: string;
  http?: { bare?: KitRepeated; createjob?: KitRepeated };
  pipeline?: { e2e_4step?: KitRepeated; e2e_latency?: KitRepeated };
  skipped: string[];
}

function run(ctx: Context, cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    ctx.log(`baseline: ${cmd} ${args.join(' ')} (in ${cwd})`);
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

export async function runBaseline(ctx: Context, path: string): Promise<BaselineResult> {
  if (!existsSync(join(path, 'src', 'all.js')))
    throw new Error(`--baseline ${path}: no src/all.js there; is it the bench-limits kit?`);
  if (!existsSync(join(path, 'node_modules')))
    await run(ctx, path, 'npm', ['ci', '--no-audit', '--no-fund'], process.env);
  const pg = new URL(ctx.env.databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REPS: String(ctx.flags.reps),
    PGHOST: pg.hostname,
    PGPORT: pg.port || '5432',
    PGUSER: decodeURIComponent(pg.username) || 'postgres',
    PGDATABASE: ctx.env.name,
    WRK_DURATION: `${ctx.flags.loadSeconds}s`,
    PIPELINE_JOBS: String(ctx.flags.jobs),
  };
  const result: BaselineResult = { path, skipped: [] };
  if (wrkInstalled()) {
    await run(ctx, path, process.execPath, ['src/all.js', 'http'], env);
    result.http = readSuite(path, 'http');
  } else {
    const why = 'wrk is not installed (apt-get install wrk): the kit http suite was skipped';
    result.skipped.push(why);
    ctx.note(`baseline: ${why}; create_throughput and create_p99 ratios are missing`);
  }
  await run(ctx, path, process.execPath, ['src/all.js', 'pipeline'], env);
  result.pipeline = readSuite(path, 'pipeline');
  return result;
}
