import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import type { BenchEnv } from './bench-env';
import { Flags, PROJECT_ROOT } from './flags';

/** Where and with what the run happened: machine, versions, commit, flags. */

function packageVersion(name: string): string {
  try {
    const file = require.resolve(`${name}/package.json`, { paths: [PROJECT_ROOT] });
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function git(args: string[]): string {
  const out = spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : '';
}

async function pgStatStatements(env: BenchEnv): Promise<string> {
  const [row] = await env.sql<{ libs: string }>(
    `SELECT current_setting('shared_preload_libraries') AS libs`,
  );
  return row.libs.includes('pg_stat_statements')
    ? 'loaded (not used: statements are counted on the wire per process)'
    : 'not loaded (shared_preload_libraries is empty); statements are counted on the wire';
}

export async function describeRun(env: BenchEnv, flags: Flags, loadTool: string) {
  const cpu = cpus();
  const [pg] = await env.sql<{ server_version: string }>('SHOW server_version');
  const redis = /redis_version:(\S+)/.exec(await env.redis.info('server'))?.[1] ?? 'unknown';
  const commit = git(['rev-parse', '--short', 'HEAD']);
  return {
    date: new Date().toISOString(),
    machine: {
      cpu_model: cpu[0]?.model.trim() ?? 'unknown',
      cores: cpu.length,
      mem_gb: Math.round(totalmem() / 2 ** 30),
      kernel: release(),
    },
    versions: {
      node: process.version,
      postgres: pg.server_version,
      redis,
      bull: packageVersion('bull'),
      nest: packageVersion('@nestjs/core'),
      fastify: packageVersion('fastify'),
      typeorm: packageVersion('typeorm'),
      pg: packageVersion('pg'),
      orchestrator_commit:
        commit + (git(['status', '--porcelain', 'src']) ? ' (src modified)' : ''),
    },
    load_tool: loadTool,
    pg_stat_statements: await pgStatStatements(env),
    flags,
  };
}
